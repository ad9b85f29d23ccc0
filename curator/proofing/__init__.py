"""Proofing tools behind ``curator.core.language.spelling``: Hunspell through Enchant.

This package may import pyenchant and ``curator.core``; ``core`` never imports it, and the
window reaches it only through the protocols in ``curator.core.language.spelling``.
"""

from curator.proofing.enchant_dictionaries import EnchantSource, enchant_problem

__all__ = ["EnchantSource", "enchant_problem"]
