"""Demo partners and maisons: real communes of the Hérault, the Puy-de-Dôme and the Nord.

Names, addresses, phones and hours are realistic but invented for the demo.
"""

from datetime import date

NATIONAL_PARTNERS = [
    # slug, name, short name, website
    ("caf", "Caisse d’allocations familiales", "CAF", "https://www.caf.fr"),
    ("assurance-maladie", "Assurance Maladie", "CPAM", "https://www.ameli.fr"),
    ("assurance-retraite", "Assurance retraite", "Cnav", "https://www.lassuranceretraite.fr"),
    ("msa", "Mutualité sociale agricole", "MSA", "https://www.msa.fr"),
    ("france-travail", "France Travail", "", "https://www.francetravail.fr"),
    ("dgfip", "Finances publiques", "DGFiP", "https://www.impots.gouv.fr"),
    ("la-poste", "La Poste", "", "https://www.laposte.fr"),
    ("ants", "Ministère de l’Intérieur (titres)", "ANTS", "https://ants.gouv.fr"),
    ("justice", "Ministère de la Justice", "", "https://www.justice.fr"),
]
LOCAL_PARTNERS = [
    ("mission-locale", "Mission locale", "", "https://www.unml.info"),
    (
        "adil",
        "Agence départementale d’information sur le logement",
        "ADIL",
        "https://www.anil.org",
    ),
    ("ccas", "Centre communal d’action sociale", "CCAS", ""),
    ("mdph", "Maison départementale des personnes handicapées", "MDPH", ""),
    ("conciliateur", "Conciliateur de justice", "", "https://www.conciliateurs.fr"),
]

MORNING_AFTERNOON = "09:00 - 12:00 / 13:30 - 17:00"
HOURS = {
    # Monday … Saturday, as in the official list.
    "weekdays": [MORNING_AFTERNOON] * 5 + [""],
    "with_saturday": ["", *["09:00 - 12:30 / 14:00 - 17:30"] * 4, "09:00 - 12:00"],
    "wednesday_morning": [
        MORNING_AFTERNOON,
        MORNING_AFTERNOON,
        "09:00 - 12:00",
        MORNING_AFTERNOON,
        MORNING_AFTERNOON,
        "",
    ],
    "city": ["08:30 - 17:30"] * 5 + ["09:00 - 12:00"],
    "bus": ["09:30 - 16:30"] * 5 + [""],
}

# source id, name, INSEE, commune, postcode, department, lat, lon, address, hours key
MAISONS = [
    (
        "demo-34-01",
        "France Services de Montpellier Mosson",
        "34172",
        "Montpellier",
        "34080",
        "34",
        43.6165,
        3.8196,
        "12 rue de Bari",
        "city",
    ),
    (
        "demo-34-02",
        "France Services du Lodévois",
        "34142",
        "Lodève",
        "34700",
        "34",
        43.73015,
        3.29526,
        "1 place de l’Hôtel de Ville",
        "with_saturday",
    ),
    (
        "demo-34-03",
        "France Services du Larzac",
        "34064",
        "Le Caylar",
        "34520",
        "34",
        43.87166,
        3.31021,
        "Place de la Mairie",
        "wednesday_morning",
    ),
    (
        "demo-34-04",
        "France Services de Bédarieux",
        "34028",
        "Bédarieux",
        "34600",
        "34",
        43.61134,
        3.16369,
        "2 avenue Abbé Tarroux",
        "weekdays",
    ),
    (
        "demo-34-05",
        "France Services du Clermontais",
        "34079",
        "Clermont-l’Hérault",
        "34800",
        "34",
        43.63231,
        3.40174,
        "9 rue Doyen René Gosse",
        "weekdays",
    ),
    (
        "demo-34-06",
        "France Services des Cévennes gangeoises",
        "34111",
        "Ganges",
        "34190",
        "34",
        43.94477,
        3.70394,
        "Plan de l’Ormeau",
        "wednesday_morning",
    ),
    (
        "demo-34-07",
        "France Services Minervois Caroux",
        "34284",
        "Saint-Pons-de-Thomières",
        "34220",
        "34",
        43.48233,
        2.74984,
        "Rue du Jeu de Ballon",
        "weekdays",
    ),
    (
        "demo-34-08",
        "France Services de Lunel",
        "34145",
        "Lunel",
        "34400",
        "34",
        43.67801,
        4.13291,
        "240 avenue Victor Hugo",
        "city",
    ),
    (
        "demo-34-09",
        "France Services de Pézenas",
        "34199",
        "Pézenas",
        "34120",
        "34",
        43.46162,
        3.41797,
        "Place Gambetta",
        "with_saturday",
    ),
    (
        "demo-34-10",
        "France Services Vallée de l’Hérault",
        "34114",
        "Gignac",
        "34150",
        "34",
        43.64159,
        3.56612,
        "4 boulevard de l’Esplanade",
        "weekdays",
    ),
    (
        "demo-63-01",
        "France Services de Pontgibaud",
        "63285",
        "Pontgibaud",
        "63230",
        "63",
        45.8268,
        2.85325,
        "Rue du Pont",
        "weekdays",
    ),
    (
        "demo-63-02",
        "France Services du Mont-Dore",
        "63236",
        "Mont-Dore",
        "63240",
        "63",
        45.57325,
        2.80597,
        "Avenue Michel Bertrand",
        "wednesday_morning",
    ),
    (
        "demo-63-03",
        "France Services de Viverols",
        "63465",
        "Viverols",
        "63840",
        "63",
        45.431,
        3.87928,
        "Le Bourg",
        "wednesday_morning",
    ),
    (
        "demo-63-04",
        "France Services de Giat",
        "63165",
        "Giat",
        "63620",
        "63",
        45.80223,
        2.48048,
        "Place de l’Église",
        "wednesday_morning",
    ),
    (
        "demo-63-05",
        "France Services d’Ambert",
        "63003",
        "Ambert",
        "63600",
        "63",
        45.55165,
        3.75563,
        "15 avenue du Docteur Chassaing",
        "with_saturday",
    ),
    (
        "demo-63-06",
        "France Services de Thiers",
        "63430",
        "Thiers",
        "63300",
        "63",
        45.86529,
        3.53795,
        "Rue Durolle",
        "city",
    ),
    (
        "demo-63-07",
        "France Services d’Issoire",
        "63178",
        "Issoire",
        "63500",
        "63",
        45.54425,
        3.24438,
        "Place du Postillon",
        "weekdays",
    ),
    (
        "demo-63-08",
        "France Services de Riom Limagne",
        "63300",
        "Riom",
        "63200",
        "63",
        45.89375,
        3.12736,
        "5 mail Jean-Baptiste Laurent",
        "city",
    ),
    (
        "demo-63-09",
        "France Services des Combrailles",
        "63354",
        "Saint-Gervais-d’Auvergne",
        "63390",
        "63",
        46.01864,
        2.82897,
        "Rue de l’Hôtel de Ville",
        "weekdays",
    ),
    (
        "demo-63-10",
        "France Services du Massif du Sancy",
        "63038",
        "Besse-et-Saint-Anastaise",
        "63610",
        "63",
        45.49844,
        2.91031,
        "Place du Grand Mèze",
        "wednesday_morning",
    ),
    (
        "demo-59-01",
        "France Services de Cassel",
        "59135",
        "Cassel",
        "59670",
        "59",
        50.79129,
        2.49616,
        "Grand’Place",
        "weekdays",
    ),
    (
        "demo-59-02",
        "France Services de Bailleul",
        "59043",
        "Bailleul",
        "59270",
        "59",
        50.73248,
        2.74253,
        "Rue du Musée",
        "with_saturday",
    ),
    (
        "demo-59-03",
        "France Services d’Hazebrouck",
        "59295",
        "Hazebrouck",
        "59190",
        "59",
        50.72539,
        2.53574,
        "Place du Général de Gaulle",
        "city",
    ),
    (
        "demo-59-04",
        "France Services de Wormhout",
        "59663",
        "Wormhout",
        "59470",
        "59",
        50.87491,
        2.48127,
        "Rue Jean Jaurès",
        "weekdays",
    ),
    (
        "demo-59-05",
        "France Services de Maubeuge",
        "59392",
        "Maubeuge",
        "59600",
        "59",
        50.28343,
        3.96115,
        "Avenue de France",
        "city",
    ),
    (
        "demo-59-06",
        "France Services de Fourmies",
        "59249",
        "Fourmies",
        "59610",
        "59",
        50.00643,
        4.05937,
        "Rue Jean-Baptiste Lebas",
        "weekdays",
    ),
    (
        "demo-59-07",
        "France Services d’Avesnes-sur-Helpe",
        "59036",
        "Avesnes-sur-Helpe",
        "59440",
        "59",
        50.12243,
        3.92694,
        "Place Guillemin",
        "wednesday_morning",
    ),
    (
        "demo-59-08",
        "France Services du Quesnoy",
        "59481",
        "Le Quesnoy",
        "59530",
        "59",
        50.24926,
        3.62342,
        "Rue Thiers",
        "weekdays",
    ),
]

BUS = (
    "demo-34-bus",
    "Bus France Services des Hauts Cantons",
    "34028",
    "Bédarieux",
    "34600",
    "34",
    43.61134,
    3.16369,
    "Parking du Champ de Mars",
    "bus",
)
# place, commune, INSEE, lat, lon, weekday, frequency, reference date, from, to
BUS_STOPS = [
    (
        "Place de la Mairie",
        "Le Caylar",
        "34064",
        43.87166,
        3.31021,
        0,
        "weekly",
        None,
        "09:30",
        "12:00",
    ),
    (
        "Parking de la salle des fêtes",
        "Le Bousquet-d’Orb",
        "34038",
        43.7011,
        3.14953,
        1,
        "weekly",
        None,
        "09:30",
        "16:30",
    ),
    (
        "Avenue Charcot",
        "Lamalou-les-Bains",
        "34126",
        43.59827,
        3.08471,
        2,
        "biweekly",
        date(2026, 1, 7),
        "13:30",
        "16:30",
    ),
    (
        "Place du Foirail",
        "Saint-Chinian",
        "34245",
        43.4274,
        2.92757,
        3,
        "weekly",
        None,
        "09:30",
        "16:30",
    ),
    (
        "Place de l’Église",
        "Olargues",
        "34187",
        43.53799,
        2.91725,
        4,
        "weekly",
        None,
        "09:30",
        "12:00",
    ),
]
ANTENNA = (
    "demo-34-07a",
    "France Services Minervois Caroux – antenne d’Olargues",
    "34187",
    "Olargues",
    "34390",
    "34",
    43.53799,
    2.91725,
    "Avenue de la Gare",
    "wednesday_morning",
)
ANTENNA_GROUP = "Minervois Caroux"

# maison source id, partner slug, mode, frequency, weekday, nth, reference date, from, to, note
PRESENCES = [
    (
        "demo-34-02",
        "conciliateur",
        "on_site",
        "monthly_nth",
        1,
        2,
        None,
        "14:00",
        "17:00",
        "Sur rendez-vous à l’accueil.",
    ),
    ("demo-34-02", "caf", "on_site", "biweekly", 3, None, date(2026, 1, 8), "09:00", "12:00", ""),
    ("demo-34-02", "mission-locale", "on_site", "weekly", 2, None, None, "14:00", "17:00", ""),
    ("demo-34-01", "adil", "visio", "monthly_nth", 0, 1, None, "09:30", "12:00", ""),
    ("demo-63-05", "mdph", "appointment", "monthly_nth", 4, -1, None, "13:30", "16:30", ""),
    ("demo-63-01", "assurance-retraite", "visio", "weekly", 1, None, None, "10:00", "12:00", ""),
    ("demo-59-01", "ccas", "on_site", "weekly", 0, None, None, "14:00", "16:00", ""),
]
CLOSURES = [("demo-34-02", date(2026, 12, 24), date(2026, 12, 31), "Fermeture de fin d’année")]

# What each partner does and what an agent can do with you, in a few words of our own.
PARTNER_DESCRIPTIONS = {
    "caf": (
        "<p>La CAF verse les prestations familiales, les aides au logement, la prime "
        "d’activité et le revenu de solidarité active. Dans une France Services, un agent "
        "vous aide à ouvrir votre compte en ligne, à déclarer vos ressources et à suivre "
        "l’avancement de vos demandes.</p>"
    ),
    "assurance-maladie": (
        "<p>L’Assurance Maladie rembourse vos soins et s’occupe de la carte Vitale, des "
        "arrêts de travail et de la complémentaire santé solidaire. Un agent peut vous "
        "accompagner pour créer votre compte ameli, commander une carte ou comprendre un "
        "remboursement.</p>"
    ),
    "assurance-retraite": (
        "<p>L’Assurance retraite calcule et verse la retraite de base des salariés du "
        "secteur privé. En France Services, on vous aide à vérifier votre relevé de "
        "carrière et à préparer votre demande de retraite ou de pension de réversion.</p>"
    ),
    "msa": (
        "<p>La Mutualité sociale agricole protège les exploitants, les salariés agricoles "
        "et leurs familles pour la santé, la famille et la retraite. Un agent vous guide "
        "dans votre espace en ligne et vous aide à envoyer vos justificatifs.</p>"
    ),
    "france-travail": (
        "<p>France Travail accompagne les personnes qui cherchent un emploi et verse les "
        "allocations chômage. Avec l’aide d’un agent, vous pouvez vous inscrire, vous "
        "actualiser chaque mois et consulter les offres.</p>"
    ),
    "dgfip": (
        "<p>Les Finances publiques gèrent l’impôt sur le revenu, le prélèvement à la "
        "source et les impôts locaux. Un agent vous aide à déclarer vos revenus en ligne, "
        "à changer votre taux de prélèvement ou à régler un avis d’impôt.</p>"
    ),
    "la-poste": (
        "<p>La Poste vous accompagne pour vos envois, la réexpédition du courrier et "
        "l’identité numérique. En France Services, un agent peut vous aider à faire suivre "
        "votre courrier après un déménagement ou à créer une adresse électronique.</p>"
    ),
    "ants": (
        "<p>Le ministère de l’Intérieur délivre, par l’Agence nationale des titres "
        "sécurisés, la carte d’identité, le passeport, le permis de conduire et la carte "
        "grise. Un agent vous aide à remplir la pré-demande en ligne et à rassembler les "
        "pièces à fournir.</p>"
    ),
    "justice": (
        "<p>Le ministère de la Justice vous renseigne sur vos droits et sur les moyens de "
        "régler un litige. Un agent peut vous aider à demander l’aide juridictionnelle ou "
        "à trouver un point-justice près de chez vous.</p>"
    ),
    "mission-locale": (
        "<p>La mission locale suit les jeunes de 16 à 25 ans sortis de l’école : emploi, "
        "formation, logement, santé. Un conseiller les reçoit lors de permanences dans "
        "certaines France Services.</p>"
    ),
    "adil": (
        "<p>L’ADIL donne des conseils gratuits et neutres sur le logement : bail, achat, "
        "travaux, relations entre locataire et propriétaire. Ses juristes tiennent des "
        "permanences, parfois par visioconférence.</p>"
    ),
    "ccas": (
        "<p>Le centre communal d’action sociale soutient les habitants de la commune qui "
        "traversent une difficulté : aides d’urgence, domiciliation, demandes d’aide "
        "sociale. Il reçoit dans certaines France Services.</p>"
    ),
    "mdph": (
        "<p>La maison départementale des personnes handicapées informe les personnes en "
        "situation de handicap et leurs proches. Elle instruit les demandes d’allocation, "
        "de carte mobilité inclusion ou d’orientation, et reçoit sur rendez-vous.</p>"
    ),
    "conciliateur": (
        "<p>Bénévole, le conciliateur de justice aide à trouver un accord à l’amiable dans "
        "un conflit avec un voisin, un propriétaire ou un commerçant, sans procès. Son "
        "intervention est gratuite.</p>"
    ),
}
# Official home pages only (label, address): deeper addresses change too often.
PARTNER_ONLINE_SERVICES = {
    "caf": [
        ("Le site caf.fr", "https://www.caf.fr"),
        ("Mes droits sociaux", "https://www.mesdroitssociaux.gouv.fr"),
    ],
    "assurance-maladie": [
        ("Le site ameli.fr", "https://www.ameli.fr"),
        ("Mon espace santé", "https://www.monespacesante.fr"),
    ],
    "assurance-retraite": [
        ("Le site lassuranceretraite.fr", "https://www.lassuranceretraite.fr"),
        ("Info Retraite, tous régimes", "https://www.info-retraite.fr"),
    ],
    "msa": [("Le site msa.fr", "https://www.msa.fr")],
    "france-travail": [("Le site francetravail.fr", "https://www.francetravail.fr")],
    "dgfip": [("Le site impots.gouv.fr", "https://www.impots.gouv.fr")],
    "la-poste": [("Le site laposte.fr", "https://www.laposte.fr")],
    "ants": [("Le site de l’ANTS", "https://ants.gouv.fr")],
    "justice": [("Le site justice.fr", "https://www.justice.fr")],
}
