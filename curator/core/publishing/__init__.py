"""What each printed product is built from.

Catalogue, its texts, cover, labels, approval proof.
"""
