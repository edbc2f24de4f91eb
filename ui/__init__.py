"""Streamlit glue: state accessors, the shared frame, text helpers and charts."""
