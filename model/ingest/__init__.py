"""Reading: the files a user has, as uploaded, to one per-client ``Dataset``.

The front door is ``load_files(files, options, imports, merges)``. One upload's walk:

1. ``files``: for each file, ``reading.read_header`` reads the header row alone and
   ``headers.detect_kind`` says what the file is (a client list, a Toggl / Clockify / Harvest
   time export, a time log of start and end moments, a FreshBooks or generic invoice list; the
   words are in ``vocabulary``).
2. ``reading.read_table``: bytes to a table of strings (encoding, delimiter, title lines above
   the header, workbooks), every problem with the spreadsheet's own row number.
3. Per kind, one table per client:
   - ``client_list``: ``headers.guess_mapping`` names the canonical fields, ``values`` turns text
     into numbers, money, hours, dates and labels, and ``clients`` keys, combines and checks the
     rows;
   - ``time_entries`` / ``time_log`` / ``invoices``: exports summed per client, sharing
     ``exports`` (``time_log`` moves starts written with an offset to the working-hours zone).
4. ``joining`` joins the per-client tables on the client key; ``clients.apply_merges`` applies
   the near-duplicates the user confirmed; ``clients.add_derived`` computes the effective rate.

``dataset`` holds what comes out (``Dataset``, ``Source``, ``IngestOptions``); ``strings`` and
``parallel`` are the fast column tools the steps share.
"""

from __future__ import annotations

from model.ingest.clients import add_derived, apply_merges, client_keys
from model.ingest.dataset import Dataset, IngestOptions, Source
from model.ingest.exports import NO_CLIENT, ImportOptions, WorkingHours, known_zone
from model.ingest.files import load_file, load_files, mapping_of, unique_names
from model.ingest.reading import ReadOptions

__all__ = [
    "NO_CLIENT",
    "Dataset",
    "ImportOptions",
    "IngestOptions",
    "ReadOptions",
    "Source",
    "WorkingHours",
    "add_derived",
    "apply_merges",
    "client_keys",
    "known_zone",
    "load_file",
    "load_files",
    "mapping_of",
    "unique_names",
]
