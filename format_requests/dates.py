"""Reply-by dates: a number of working days on, skipping weekends and bank
holidays in England (the `holidays` package, so new bank holidays such as a
coronation or a jubilee come with a package update, not a code change)."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _bank_holidays(year):
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_working_day(day):
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start, days):
    """The date `days` working days after `start` (a request made on a
    weekend or a bank holiday starts counting from the next working day)."""
    day = start
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
