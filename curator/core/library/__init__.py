"""The library's view of photos: filters, order, and what each file says."""
