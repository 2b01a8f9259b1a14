"""Demo search synonyms: the usual acronyms and former names (idempotent)."""

from wagtail.models import Locale

from .models import SearchSynonym

SYNONYMS_FR = [
    ["APL", "aide au logement", "aide personnalisée au logement", "allocation logement"],
    ["carte grise", "certificat d’immatriculation"],
    ["CSS", "complémentaire santé solidaire", "CMU", "CMU-C", "ACS"],
    ["Pôle emploi", "France Travail"],
    ["impôts", "finances publiques", "DGFiP", "impots.gouv"],
    ["sécu", "sécurité sociale", "Assurance Maladie", "CPAM", "ameli"],
    ["retraite", "Carsat", "Cnav", "Assurance retraite"],
    ["CAF", "allocations familiales"],
    ["RSA", "revenu de solidarité active"],
    ["AAH", "allocation aux adultes handicapés"],
    ["MDPH", "maison départementale des personnes handicapées"],
    ["permis", "permis de conduire"],
    ["CNI", "carte d’identité", "carte nationale d’identité"],
    ["ANTS", "France Titres"],
    ["mél", "e-mail", "courriel", "adresse électronique"],
    ["CEJ", "contrat d’engagement jeune"],
    ["FranceConnect", "France Connect"],
    ["voiture", "véhicule", "auto"],
]


def seed(log) -> None:
    locale = Locale.get_default()
    created = 0
    existing = {synonym.expressions for synonym in SearchSynonym.objects.filter(locale=locale)}
    for expressions in SYNONYMS_FR:
        text = "\n".join(expressions)
        if text not in existing:
            SearchSynonym.objects.create(locale=locale, expressions=text)
            created += 1
    log(f"Search: {created} synonym groups created.")
