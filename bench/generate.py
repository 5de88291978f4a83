#!/usr/bin/env python3
"""Writes N different case files, one new person each, from the Anna example.

Usage: bench/generate.py N OUTDIR [SEED]

Each case gets its own name, personnummer (valid check digit), address,
goals and actions, so that no two documents are the same: what a region's
year of SIPs looks like to the renderer, not one input repeated.
"""
import random
import re
import sys
from pathlib import Path

FIRST = ["Anna", "Erik", "Maria", "Johan", "Sara", "Ali", "Fatima", "Lars", "Karin", "Mehmet",
         "Elin", "Oskar", "Noor", "Päivi", "Ahmed", "Ingrid", "Mikael", "Lejla", "Jonas", "Hanna"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
        "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Hassan", "Korhonen", "Berg"]
STREETS = ["Storgatan", "Kungsgatan", "Drottninggatan", "Skolvägen", "Björkvägen", "Ringvägen"]
WORDS = ("stöd hjälp vardag träning samtal skola arbete boende ekonomi sömn mat rörelse vänner "
         "familj kontakt tider planering sysselsättning motivation trygghet").split()


def luhn(nine: str) -> str:
    total = 0
    for i, ch in enumerate(nine):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d // 10 + d % 10
    return str((10 - total % 10) % 10)


def personnummer(rng: random.Random) -> str:
    year = rng.randint(1950, 2004)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    serial = rng.randint(100, 999)
    nine = f"{year % 100:02d}{month:02d}{day:02d}{serial:03d}"
    return f"{year}{month:02d}{day:02d}-{serial:03d}{luhn(nine)}"


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return (" ".join(words)).capitalize() + "."


def main() -> None:
    n, out = int(sys.argv[1]), Path(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    template = (Path(__file__).resolve().parent.parent / "examples" / "anna.toml").read_text()
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        text = template.replace("Anna Andersson", f"{first} {last}").replace("Anna", first)
        text = re.sub(r'personal_number = "19990101-2386"', f'personal_number = "{personnummer(rng)}"', text, count=1)
        text = text.replace("Storgatan 1", f"{rng.choice(STREETS)} {rng.randint(1, 120)}")
        text = re.sub(r'(situation = ")[^"]*(")', lambda m: m.group(1) + " ".join(sentence(rng, rng.randint(6, 14)) for _ in range(rng.randint(2, 6))) + m.group(2), text, count=1)
        text = re.sub(r'(long_term_goal = ")[^"]*(")', lambda m: m.group(1) + sentence(rng, rng.randint(6, 16)) + m.group(2), text, count=1)
        text = re.sub(r'(what = ")[^"]*(")', lambda m: m.group(1) + sentence(rng, rng.randint(3, 9)) + m.group(2), text)
        (out / f"case-{i:05d}.toml").write_text(text)


if __name__ == "__main__":
    main()
