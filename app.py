"""Client Triage: the frame around every page (config, navigation, shared sidebar)."""

from ui import frame

frame.configure()
current = frame.navigation()
frame.sidebar()
with frame.inside_app():
    current.run()
