"""English month names: the reference list is read in them and citations are written in them.

Spelled out rather than taken from ``calendar``, whose names follow the C library's locale.
"""

MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
