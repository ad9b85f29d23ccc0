"""The domain of Curator in plain Python: model, project store, languages and services.

Nothing here imports Qt, reportlab or Pillow; the window, the command line and the exporters
all call the services defined here.
"""
