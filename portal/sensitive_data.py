"""The personal-data guard: what members must not publish about the people they help.

``scan(text)`` lists the findings, each with its kind, its place in the text, a masked
excerpt and whether it blocks. Numbers that carry a key are taken only when the key holds,
so an ordinary number is not mistaken for one:

- NIR (social security number): sex, year, month, place (department incl. 2A/2B, or 97x/98x
  overseas with a 2-digit commune, or 99 abroad), commune, order, key = 97 - (13 digits mod
  97), 2A → 19 and 2B → 18 for the computation. Blocks.
- IBAN: any country, its known length for the usual ones, mod-97 = 1 (ISO 13616). Blocks.
- French tax number (numéro fiscal, SPI): 13 digits, the first 0 to 3, the last three the
  first ten mod 511 (the key python-stdnum's ``fr.spi`` checks). Warns.
- CAF allocataire number: 7 digits within a few words after "CAF", "allocataire" or
  "n° alloc". Warns.
- Phone numbers (French and overseas formats), e-mail addresses, dates of birth next to
  "né(e) le", "DDN" or "date de naissance". Warn.

Shared by the forums and, later, anything else where members write free text.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Kind(StrEnum):
    NIR = "nir"
    IBAN = "iban"
    TAX_NUMBER = "tax_number"
    CAF_NUMBER = "caf_number"
    PHONE = "phone"
    EMAIL = "email"
    BIRTH_DATE = "birth_date"


BLOCKING = {Kind.NIR, Kind.IBAN}

LABELS = {
    Kind.NIR: _("a social security number (NIR)"),
    Kind.IBAN: _("a bank account number (IBAN)"),
    Kind.TAX_NUMBER: _("a tax number"),
    Kind.CAF_NUMBER: _("a CAF allocataire number"),
    Kind.PHONE: _("a phone number"),
    Kind.EMAIL: _("an e-mail address"),
    Kind.BIRTH_DATE: _("a date of birth"),
}


@dataclass(frozen=True)
class Finding:
    kind: Kind
    start: int
    end: int
    excerpt: str  # masked: never the whole number or address

    @property
    def blocking(self) -> bool:
        return self.kind in BLOCKING

    @property
    def label(self) -> str:
        return str(LABELS[self.kind])

    @property
    def message(self) -> str:
        """What was found, why it may not be published, what to do, in the member's
        language; the value itself only masked."""
        values = {"what": self.label, "excerpt": self.excerpt}
        if self.blocking:
            return (
                _(
                    "Your message contains %(what)s (%(excerpt)s). The personal data of the "
                    "people you help must never be written in a message: remove it, or "
                    "refer to the file by the partner's reference."
                )
                % values
            )
        return (
            _(
                "Your message seems to contain %(what)s (%(excerpt)s). If it belongs to a "
                "person you help, remove it, or refer to the file by the partner's reference."
            )
            % values
        )


class PersonalDataFound(Exception):
    """The text holds personal data: blocking findings (nothing is saved), or warnings the
    author has not confirmed yet."""

    def __init__(self, findings: list[Finding]):
        super().__init__([finding.message for finding in findings])
        self.findings = findings

    @property
    def blocking(self) -> bool:
        return any(finding.blocking for finding in self.findings)


def guard(text: str, *, confirmed: bool) -> None:
    """The one check before a member's free text is saved (forum posts, escalations):
    blocking findings always refuse; warnings refuse until the author confirms."""
    findings = scan(text)
    if any(finding.blocking for finding in findings):
        raise PersonalDataFound([finding for finding in findings if finding.blocking])
    if findings and not confirmed:
        raise PersonalDataFound(findings)


_SEP = r"[ .]?"
_NIR = re.compile(
    r"(?<![\w])"
    rf"([1-478]){_SEP}(\d\d){_SEP}(0[1-9]|1[0-2]|20|3\d|4[0-2]){_SEP}"
    rf"(\d\d|2[ABab]){_SEP}(\d){_SEP}?(\d\d){_SEP}(\d{{3}}){_SEP}(\d\d)"
    r"(?![\w])"
)
_IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d\d(?: ?[A-Z0-9]){11,30}(?![\w])")
IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28,
    "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27,
    "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19,
    "SK": 24, "SM": 27,
}  # fmt: skip
_TAX = re.compile(r"(?<![\w])([0-3]\d)[ ]?(\d\d)[ ]?(\d{3})[ ]?(\d{3})[ ]?(\d{3})(?![\w])")
_CAF = re.compile(
    r"(?:\bCAF\b|\ballocataire\b|\bn°\s*alloc\w*|\bnum[ée]ro\s+d?['’]?\s*alloc\w*)"
    r"[^\d\n]{0,40}(?<!\d)(\d{7})(?!\d)",
    re.IGNORECASE,
)
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:\+|00)33[ .-]?(?:\(0\))?[ .-]?[1-9](?:[ .-]?\d\d){4}"
    r"|0[1-9](?:[ .-]?\d\d){4}"
    r"|(?:\+|00)(?:262|269|590|594|596|508)[ .-]?\d{3}(?:[ .-]?\d\d){3}"
    r"|(?:\+|00)(?:681|687|689)[ .-]?\d\d(?:[ .-]?\d\d){2,3}"
    r")(?![\w])"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    "novembre|décembre|decembre"
)
_BIRTH = re.compile(
    r"(?:\bn[ée]e?(?:\s*\(e\))?\s+le|\bDDN\b|\bdate\s+de\s+naissance)\s*:?\s*"
    rf"(\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{1,2}}(?:er)?\s+(?:{_MONTHS})\s+\d{{4}})",
    re.IGNORECASE,
)


def nir_key_holds(number: str) -> bool:
    """``number``: 15 characters, the 13 of the NIR (2A/2B allowed) then the key."""
    body = number[:13].upper().replace("2A", "19").replace("2B", "18")
    return 97 - int(body) % 97 == int(number[13:])


def iban_holds(iban: str) -> bool:
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is not None and len(iban) != expected:
        return False
    if not 15 <= len(iban) <= 34 or not iban[2:4].isdigit():
        return False
    digits = "".join(str(int(char, 36)) for char in iban[4:] + iban[:4])
    return int(digits) % 97 == 1


def tax_number_holds(number: str) -> bool:
    return number[0] in "0123" and int(number[:10]) % 511 == int(number[10:])


def mask(value: str) -> str:
    """The first two and last two characters, the rest as dots: enough to find it again in
    one's own text, not enough to read it."""
    compact = "".join(value.split())
    if len(compact) <= 6:
        return compact[:1] + "…"
    return f"{compact[:2]}…{compact[-2:]}"


def scan(text: str) -> list[Finding]:
    """Every piece of personal data found in ``text``, in the order of the text; a span
    taken by a blocking finding is not reported again under a weaker kind."""
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: Kind, start: int, end: int, excerpt: str) -> None:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            return
        taken.append((start, end))
        findings.append(Finding(kind, start, end, excerpt))

    for match in _NIR.finditer(text):
        number = re.sub(r"[ .]", "", match.group())
        if len(number) == 15 and _nir_place_holds(number) and nir_key_holds(number):
            add(Kind.NIR, match.start(), match.end(), mask(number))
    for match in _IBAN.finditer(text):
        for start, end, iban in _iban_candidates(match):
            if iban_holds(iban):
                add(Kind.IBAN, start, end, mask(iban))
                break
    for match in _TAX.finditer(text):
        number = re.sub(r"\s", "", match.group())
        if tax_number_holds(number):
            add(Kind.TAX_NUMBER, match.start(), match.end(), mask(number))
    for match in _CAF.finditer(text):
        add(Kind.CAF_NUMBER, match.start(1), match.end(1), mask(match.group(1)))
    for match in _PHONE.finditer(text):
        add(Kind.PHONE, match.start(), match.end(), mask(match.group()))
    for match in _EMAIL.finditer(text):
        add(Kind.EMAIL, match.start(), match.end(), mask(match.group()))
    for match in _BIRTH.finditer(text):
        add(Kind.BIRTH_DATE, match.start(1), match.end(1), mask(match.group(1)))
    return sorted(findings, key=lambda finding: finding.start)


def _nir_place_holds(number: str) -> bool:
    """The department: 01–99 but 00 (20 stays: Corsica before 1976), 2A or 2B."""
    department = number[5:7].upper()
    return department in {"2A", "2B"} or (department.isdigit() and department != "00")


def _iban_candidates(match: re.Match):
    """The spans of ``match`` that could be an IBAN, longest first: the text after one may
    be capitals or digits too."""
    positions = [i for i, char in enumerate(match.group()) if char != " "]
    compact = "".join(match.group()[i] for i in positions)
    for length in range(len(compact), 14, -1):
        end = match.start() + positions[length - 1] + 1
        yield match.start(), end, compact[:length]
