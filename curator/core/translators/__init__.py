"""Caption files for translators, the domain side.

What goes out, the plan of what comes back,
applying it.
"""
