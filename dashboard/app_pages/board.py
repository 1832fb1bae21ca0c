"""The board: every claim with its status, as of a date."""

from datetime import date

import streamlit as st

from dashboard import data
from verify.core.status import LABELS
from verify.errors import VerifyError

st.title("Board")
as_of = st.date_input("As of", value=date.today(), format="YYYY-MM-DD")
try:
    rows = data.claims(as_of)
except VerifyError as error:
    st.error(str(error))
    st.stop()

if not rows:
    st.info("No claims yet. Log one with `verify claim add`, or load the demo data with `verify demo`.")
    st.stop()

counts = {}
for row in rows:
    counts[row["status"]] = counts.get(row["status"], 0) + 1
columns = st.columns(len(LABELS))
for column, (status, label) in zip(columns, LABELS.items(), strict=True):
    column.metric(label, counts.get(status, 0))

st.dataframe(
    [{"Status": LABELS[row["status"]], "Claim": row["text"], "Source": row["source"],
      "Published": row["published"], "Window ends": row["window_end"], "Days left": row["days_to_deadline"]}
     for row in rows],
    hide_index=True, use_container_width=True,
)
