"""Print output: reportlab renderers, the fonts they embed and the text measure.

This package may import reportlab and ``curator.core``; ``core`` never imports it. Lengths
are converted from the model's millimetres to points here and nowhere else.
"""
