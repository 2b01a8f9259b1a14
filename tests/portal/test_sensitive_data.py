"""The personal-data guard: numbers with a key are taken only when the key holds."""

import itertools
import random

import pytest
from django.utils import translation

from portal.sensitive_data import Kind, nir_key_holds, scan


def with_key(body: str) -> str:
    """The 13 characters of a NIR followed by their key."""
    digits = body.upper().replace("2A", "19").replace("2B", "18")
    return f"{body}{97 - int(digits) % 97:02d}"


def kinds(text: str) -> list[Kind]:
    return [finding.kind for finding in scan(text)]


def grouped(number: str, separator: str) -> str:
    """As written on a card: 1 85 03 34 172 123 45."""
    bounds = [0, 1, 3, 5, 7, 10, 13, 15]
    return separator.join(number[a:b] for a, b in itertools.pairwise(bounds))


@pytest.mark.parametrize("separator", ["", " ", "."])
@pytest.mark.parametrize(
    "body",
    [
        "1850334172123",  # born in the Hérault
        "285032A004123",  # Corse-du-Sud
        "291122B004123",  # Haute-Corse
        "1850397123456",  # overseas: 971 (Guadeloupe), commune 23
        "1852099123456",  # abroad (99), month unknown (20)
        "7853542123456",  # provisional number, month 35
    ],
)
def test_a_nir_whose_key_holds_blocks(body, separator):
    # arrange
    text = "Le dossier de Mme X, NIR " + grouped(with_key(body), separator) + ", bloque."
    # act
    findings = scan(text)
    # assert
    assert [finding.kind for finding in findings] == [Kind.NIR]
    assert findings[0].blocking


def test_a_nir_with_a_wrong_key_is_no_nir():
    # arrange
    number = with_key("1850334172123")
    wrong = number[:13] + f"{(int(number[13:]) + 1) % 97:02d}"
    # act
    found = kinds(f"numéro {wrong}")
    # assert
    assert Kind.NIR not in found


def test_random_15_digit_numbers_are_taken_for_a_nir_only_when_their_key_holds():
    # arrange
    generator = random.Random(23)  # noqa: S311 (reproducible test data)
    numbers = [f"{generator.randrange(10**15):015d}" for _ in range(20000)]
    # act
    flagged = {n for n in numbers if Kind.NIR in kinds(f"réf. {n}")}
    # assert
    assert all(nir_key_holds(n) for n in flagged)
    assert len(flagged) < len(numbers) / 97  # the key alone lets 1 in 97 through
    keyed = [with_key(n[:13]) for n in numbers[:500] if n[0] in "12" and "01" <= n[3:5] <= "12"]
    assert keyed
    assert all(Kind.NIR in kinds(f"réf. {n}") for n in keyed if n[5:7] != "00")


@pytest.mark.parametrize(
    "iban",
    [
        "FR7630006000011234567890189",
        "FR76 3000 6000 0112 3456 7890 189",
        "DE89 3704 0044 0532 0130 00",
        "BE68539007547034",
        "GB82WEST12345698765432",
    ],
)
def test_an_iban_whose_mod_97_holds_blocks(iban):
    # act
    findings = scan(f"Virement sur {iban} merci")
    # assert
    assert [f.kind for f in findings] == [Kind.IBAN]
    assert findings[0].blocking


def test_random_french_iban_lookalikes_are_no_iban():
    # arrange
    generator = random.Random(97)  # noqa: S311 (reproducible test data)
    texts = [f"FR{generator.randrange(10**25):025d}" for _ in range(2000)]
    # act
    flagged = [t for t in texts if Kind.IBAN in kinds(t)]
    # assert
    assert len(flagged) < 60  # 1 in 97 at most, by chance
    assert Kind.IBAN not in kinds("FR7630006000011234567890188")  # one digit off


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Son numéro fiscal : 3023456789 094", Kind.TAX_NUMBER),
        ("numéro CAF : 1234567", Kind.CAF_NUMBER),
        ("allocataire n° 7654321", Kind.CAF_NUMBER),
        ("Appelez-la au 06 12 34 56 78", Kind.PHONE),
        ("Appelez-la au +33 6 12 34 56 78", Kind.PHONE),
        ("Appelez-la au 0612345678", Kind.PHONE),
        ("à La Réunion : +262 692 12 34 56", Kind.PHONE),
        ("Son adresse : jean.dupont@example.org", Kind.EMAIL),
        ("M. Dupont, né le 12/03/1985, demande", Kind.BIRTH_DATE),
        ("Mme Martin, née le 3 mars 1985", Kind.BIRTH_DATE),
        ("M. Petit (DDN : 01.02.1970)", Kind.BIRTH_DATE),
    ],
)
def test_other_personal_data_warns(text, kind):
    # act
    findings = scan(text)
    # assert
    assert [f.kind for f in findings] == [kind]
    assert not findings[0].blocking


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour, comment gérez-vous les dossiers de retraite progressive ?",
        "La réunion du 12/03/2026 a lieu à 14 h, salle 3.",
        "Le formulaire cerfa 12345*03 et la référence 1234567 du dossier.",
        "En 2025, 1 234 567 personnes ont été accueillies.",
        "Le taux passe de 3,5 % à 4 %.",
    ],
)
def test_ordinary_text_passes(text):
    assert scan(text) == []


def test_the_message_never_repeats_the_whole_number():
    # arrange
    nir = with_key("1850334172123")
    # act
    (finding,) = scan(f"NIR {nir}")
    with translation.override("en"):
        message = str(finding.message)
    # assert
    assert nir not in message
    assert nir[2:13] not in message
    assert finding.excerpt == f"{nir[:2]}…{nir[-2:]}"
    assert "partner's reference" in message
