#!/usr/bin/env python3
"""Write the demo energy readings of pikc_resources, deterministically.

    python3 scripts/pikc_energy_demo.py

rewrites ``addons/pikc_resources/demo/pikc.energy.reading.csv``: monthly heat,
electricity, gas and water of the PIKC's two former sites for 2010-2014 (a
KPFI renovation in 2012-2013 cuts heat by about 40 % from 2014 on, against
the 2010 baseline), and one year (2024) of the member school's building.
The variations come from a seeded generator, so every run writes the same
file; commit it after a change.
"""

import csv
import random
from pathlib import Path

CSV = (
    Path(__file__).resolve().parent.parent
    / "addons/pikc_resources/demo/pikc.energy.reading.csv"
)

# Monthly shares of the yearly quantity (January first).
HEAT = [17, 15, 13, 8, 2.5, 1, 0.8, 1, 2.5, 8.5, 13.5, 17.2]
ELECTRICITY = [10.5, 9.8, 9.6, 8.5, 7.8, 5.0, 3.2, 3.6, 8.6, 9.6, 10.4, 10.2]
GAS = [13, 12, 11, 8, 6, 3.5, 2, 2.5, 6.5, 9, 12, 13]
WATER = [9.6, 9.4, 9.5, 9.0, 8.8, 6.0, 3.0, 4.0, 9.5, 9.8, 9.7, 9.2]

# Heating demand of the year against an average one (2010 was cold).
WEATHER = {2010: 1.06, 2011: 0.97, 2012: 1.00, 2013: 0.98, 2014: 0.98, 2024: 0.95}
# Prices in EUR per unit, taxes included.
PRICES = {
    "heat": {2010: 58.5, 2011: 63.2, 2012: 69.8, 2013: 68.4, 2014: 65.1, 2024: 76.4},
    "electricity": {
        2010: 0.112,
        2011: 0.118,
        2012: 0.128,
        2013: 0.132,
        2014: 0.136,
        2024: 0.182,
    },
    "gas": {2010: 0.38, 2011: 0.44, 2012: 0.50, 2013: 0.49, 2014: 0.47},
    "water": {2010: 1.62, 2011: 1.70, 2012: 1.78, 2013: 1.85, 2014: 1.85, 2024: 2.41},
}
DECIMALS = {"heat": 1, "electricity": 0, "gas": 0, "water": 0}


def renovation(year, month):
    """The share of the heat still needed after the 2012-2013 renovation.

    >>> renovation(2011, 12), renovation(2012, 11), renovation(2014, 1)
    (1.0, 0.85, 0.63)
    """
    if year < 2012 or (year == 2012 and month < 10):
        return 1.0
    if year == 2012:
        return 0.85
    if year == 2013:
        return 0.70 if month < 10 else 0.63
    return 0.63


# building xml id, code, {energy: yearly quantity in an average year}, years
BUILDINGS = [
    (
        "building_site1",
        "s1",
        {"heat": 1370, "electricity": 215000, "water": 5200},
        range(2010, 2015),
    ),
    (
        "building_site2",
        "s2",
        {"heat": 900, "electricity": 160000, "gas": 21000, "water": 3600},
        range(2010, 2015),
    ),
    (
        "building_school2",
        "m1",
        {"heat": 690, "electricity": 120000, "water": 2900},
        [2024],
    ),
]
SHARES = {"heat": HEAT, "electricity": ELECTRICITY, "gas": GAS, "water": WATER}


def rows():
    rng = random.Random(2010)
    for building, code, yearly, years in BUILDINGS:
        for year in years:
            for month in range(1, 13):
                for energy, total in yearly.items():
                    shares = SHARES[energy]
                    quantity = total * shares[month - 1] / sum(shares)
                    quantity *= rng.uniform(0.97, 1.03)
                    if energy in ("heat", "gas"):
                        quantity *= WEATHER[year]
                    if energy == "heat" and year < 2020:
                        quantity *= renovation(year, month)
                    if energy == "electricity" and 2013 <= year < 2020:
                        quantity *= 0.95  # new lighting with the renovation
                    quantity = round(quantity, DECIMALS[energy])
                    cost = round(quantity * PRICES[energy][year], 2)
                    decimals = DECIMALS[energy]
                    yield {
                        "id": f"reading_{code}_{energy}_{year}_{month:02d}",
                        "building_id:id": building,
                        "energy_type_id:id": f"energy_type_{energy}",
                        "date": f"{year}-{month:02d}-01",
                        "quantity": f"{quantity:.{decimals}f}",
                        "cost": f"{cost:.2f}",
                    }


def main():
    fieldnames = ["id", "building_id:id", "energy_type_id:id", "date", "quantity"]
    with CSV.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=[*fieldnames, "cost"])
        writer.writeheader()
        writer.writerows(rows())


if __name__ == "__main__":
    main()
