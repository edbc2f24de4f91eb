"""The words reading knows, each listed once: file kinds, encodings and delimiters, company legal
forms, and the row names that mean "total"."""

from __future__ import annotations

# What a file is, from its headers (``headers.detect_kind``). Where files disagree about a
# client, the earlier kind wins: the user's own list, then invoices, then time trackers.
CLIENT_LIST = "client_list"
TIME_LOG = "time_log"  # start and end moments in a column each (``time_log``)
TIME_KINDS = ("toggl", "clockify", "harvest", TIME_LOG)
INVOICE_KINDS = ("freshbooks", "invoices")
FILE_KINDS = (CLIENT_LIST, *TIME_KINDS, *INVOICE_KINDS)
KIND_PRIORITY = {
    CLIENT_LIST: 0,
    **dict.fromkeys(INVOICE_KINDS, 1),
    **dict.fromkeys(TIME_KINDS, 2),
}

# Text files as spreadsheets and trackers write them (tried in this order when not told).
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1258", "cp1252")
DELIMITERS = (",", ";", "\t", "|")

# Company legal forms, dropped when looking for near-duplicate client names
# ("ACME, Inc." and "Acme"); Vietnamese "công ty", "TNHH", "cổ phần" folded to ASCII words.
LEGAL_WORDS = frozenset(
    {
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "llp",
        "co",
        "corp",
        "corporation",
        "company",
        "gmbh",
        "sarl",
        "sas",
        "plc",
        "jsc",
        "pty",
        "cong",
        "ty",
        "tnhh",
        "cp",
        "the",
    }
)
# The same words as one regex over folded keys ("cong ty" is two words, matched as either).
LEGAL_WORDS_PATTERN = r"\b(?:" + "|".join(sorted(LEGAL_WORDS)) + r")\b"

# A last row named like this sums the others: it is not a client.
TOTAL_NAMES = frozenset({"total", "totals", "grand total", "sum", "tổng", "tổng cộng", "cộng"})
NOT_FINITE = frozenset({"inf", "-inf", "+inf", "infinity", "-infinity", "nan", "-nan"})
