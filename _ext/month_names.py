"""English month names, whatever the machine's locale: their one definition.

Review lines write dates the New Zealand way ("25 November 2026") and the
APA reference list the APA way ("November 25, 2026"); both name the months
from here.
"""

MONTHS = (
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
