"""Formats readers can ask for, and where a request stands."""

LARGE_PRINT = "large_print"
EASY_READ = "easy_read"
AUDIO = "audio"
BRAILLE = "braille"
OTHER = "other"

FORMAT_CHOICES = [
    (LARGE_PRINT, "Large print"),
    (EASY_READ, "Easy read"),
    (AUDIO, "Audio"),
    (BRAILLE, "Braille"),
    (OTHER, "Another format"),
]

NEW = "new"
IN_PROGRESS = "in_progress"
SENT = "sent"
CLOSED = "closed"

STATUS_CHOICES = [
    (NEW, "New"),
    (IN_PROGRESS, "In progress"),
    (SENT, "Sent"),
    (CLOSED, "Closed"),
]
#: Statuses in which the reader is still waiting: these can be overdue.
OPEN_STATUSES = (NEW, IN_PROGRESS)

#: Working days to reply in (public sector practice for alternative formats).
REPLY_WORKING_DAYS = 15
