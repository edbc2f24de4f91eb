"""Client Triage's functional core: pure Python, pandas and scikit-learn (never Streamlit)."""
