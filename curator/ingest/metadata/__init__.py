"""Reading what an image file says about itself: EXIF, IPTC IIM and XMP (and sidecars).

``read_metadata(path)`` is the one entry point; ``mapping`` documents which source wins for
each field.
"""
