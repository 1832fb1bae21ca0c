"""The pure core: no database, no Streamlit, no clock, no I/O; only the standard library, dateparser and rapidfuzz."""
