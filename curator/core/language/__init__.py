"""Languages and text.

BCP 47 tags, NFC text, per-language typography, collation, folding,
transcription, spelling, credits and the glossary's rules.
"""
