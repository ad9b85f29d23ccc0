"""Views: the widgets, docks and dialogs a person sees.

They draw and take input, and leave what it means to the controllers.
"""
