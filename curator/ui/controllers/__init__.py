"""Controllers: what the window does with a project, without drawing anything.

Each owns one concern (captions, import, layout, export...), runs its work through the
task runner and emits signals the views follow.
"""
