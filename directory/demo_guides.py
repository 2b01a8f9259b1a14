"""Demo procedure guides (fiches démarches), written for this project."""

THEMES = [  # slug, French name, one-sentence French description
    (
        "famille",
        "Famille",
        "Prestations familiales, naissance, garde d’enfant et aides pour les foyers avec enfants.",
    ),
    (
        "sante",
        "Santé",
        "Carte Vitale, remboursement des soins, compte ameli et complémentaire santé.",
    ),
    (
        "retraite",
        "Retraite",
        "Préparer son départ, demander sa retraite et les pensions de réversion.",
    ),
    (
        "emploi",
        "Emploi",
        "Inscription comme demandeur d’emploi, actualisation et aides au retour à l’emploi.",
    ),
    (
        "impots",
        "Impôts",
        "Déclaration de revenus, prélèvement à la source et espace en ligne des impôts.",
    ),
    (
        "papiers-et-titres",
        "Papiers et titres",
        "Carte d’identité, passeport, permis de conduire et certificat d’immatriculation.",
    ),
    (
        "logement",
        "Logement",
        "Aides au logement, demande de logement social et droits des locataires.",
    ),
    (
        "energie",
        "Énergie",
        "Chèque énergie et aides pour payer les factures d’électricité ou de chauffage.",
    ),
    (
        "justice-et-droits",
        "Justice et droits",
        "Aide juridictionnelle, conciliation et accès au droit pour régler un litige.",
    ),
    (
        "numerique",
        "Numérique",
        "Adresse e-mail, FranceConnect et comptes en ligne pour faire ses démarches.",
    ),
    (
        "handicap",
        "Handicap",
        "Demandes auprès de la MDPH et allocation aux adultes handicapés.",
    ),
    (
        "citoyennete",
        "Citoyenneté",
        "Vote par procuration et démarches liées à la vie citoyenne.",
    ),
]

AUDIENCES = [("particulier", "Particulier"), ("professionnel", "Professionnel")]

GUIDES = [
    {
        "slug": "prime-activite",
        "title": "Demander la prime d’activité",
        "intro": (
            "Vous travaillez et vos revenus sont modestes ? La prime d’activité peut "
            "compléter votre salaire chaque mois."
        ),
        "themes": ["emploi", "famille"],
        "audiences": ["particulier"],
        "partners": ["caf"],
        "summary": (
            "La prime d’activité est un complément de revenus versé chaque mois par la CAF. "
            "Elle est calculée sur vos ressources des trois derniers mois. "
            "Vous la renouvelez en déclarant vos revenus tous les trimestres."
        ),
        "who": (
            "Les personnes de 18 ans ou plus qui exercent une activité, salariée ou "
            "indépendante, et dont les revenus restent modestes. Les étudiants et les "
            "apprentis peuvent y avoir droit s’ils gagnent suffisamment."
        ),
        "steps": [
            {
                "title": "Faire une simulation",
                "text": (
                    "Estimez vos droits avec le simulateur de la CAF avant de vous lancer. "
                    "Cela prend quelques minutes."
                ),
                "link": "https://www.caf.fr",
                "link_label": "Site de la CAF",
            },
            {
                "title": "Remplir la demande en ligne",
                "text": (
                    "Connectez-vous à votre espace Mon Compte (ou créez-le) et indiquez "
                    "vos revenus des trois derniers mois."
                ),
                "link": "https://www.caf.fr",
                "link_label": "Mon Compte sur caf.fr",
            },
            {
                "title": "Déclarer vos revenus chaque trimestre",
                "text": (
                    "Tous les trois mois, la CAF vous demande de mettre à jour vos "
                    "ressources. Sans cette déclaration, le versement s’arrête."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Numéro de sécurité sociale ou numéro d’allocataire",
            "Bulletins de salaire des trois derniers mois",
            "Relevé d’identité bancaire (RIB)",
            "Pièce d’identité ou titre de séjour",
        ],
        "cost": "Gratuit",
        "delay": "En général un premier versement le mois qui suit la demande",
        "online_needs": (
            "Un compte sur caf.fr (ou une connexion FranceConnect) et une adresse e-mail "
            "que vous consultez."
        ),
        "agent_help": (
            "Un agent France Services vous aide à faire la simulation, à créer votre "
            "compte et à remplir la demande. Il peut aussi vous rappeler les échéances "
            "trimestrielles. C’est la CAF qui étudie votre dossier et décide."
        ),
        "sources": [{"label": "CAF", "url": "https://www.caf.fr"}],
        "related": ["rsa", "aide-logement", "msa-prime-activite"],
    },
    {
        "slug": "rsa",
        "title": "Demander le revenu de solidarité active (RSA)",
        "intro": (
            "Le RSA garantit un revenu minimum aux personnes sans ressources ou avec de "
            "très faibles revenus, avec un accompagnement vers l’emploi."
        ),
        "themes": ["emploi", "famille"],
        "audiences": ["particulier"],
        "partners": ["caf", "france-travail"],
        "summary": (
            "Le RSA est une aide versée chaque mois par la CAF (ou la MSA). "
            "Le montant dépend de vos ressources et de la composition de votre foyer. "
            "Il s’accompagne de droits et de devoirs, dont un suivi pour retrouver une activité."
        ),
        "who": (
            "Les personnes de 25 ans ou plus qui résident en France de façon stable et "
            "ont de faibles ressources. Avant 25 ans, c’est possible sous conditions, par "
            "exemple si vous êtes parent ou si vous avez déjà beaucoup travaillé."
        ),
        "steps": [
            {
                "title": "Vérifier vos droits",
                "text": (
                    "Faites une simulation sur le site de la CAF pour savoir si vous "
                    "pouvez en bénéficier."
                ),
                "link": "https://www.caf.fr",
                "link_label": "Site de la CAF",
            },
            {
                "title": "Faire la demande",
                "text": (
                    "Remplissez la demande en ligne depuis votre espace Mon Compte. "
                    "Déclarez toutes les ressources du foyer des trois derniers mois."
                ),
                "link": "https://www.caf.fr",
                "link_label": "Mon Compte sur caf.fr",
            },
            {
                "title": "Suivre votre accompagnement",
                "text": (
                    "Vous êtes orienté vers un accompagnement, le plus souvent avec "
                    "France Travail. Participez aux rendez-vous proposés."
                ),
                "link": "https://www.francetravail.fr",
                "link_label": "France Travail",
            },
            {
                "title": "Déclarer vos ressources chaque trimestre",
                "text": "Mettez à jour vos revenus tous les trois mois pour garder vos droits.",
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Pièce d’identité ou titre de séjour",
            "Numéro de sécurité sociale",
            "Justificatifs de ressources des trois derniers mois",
            "Relevé d’identité bancaire (RIB)",
        ],
        "cost": "Gratuit",
        "delay": "En général quelques semaines après une demande complète",
        "online_needs": (
            "Un compte sur caf.fr ou FranceConnect, une adresse e-mail et vos justificatifs "
            "sous forme numérique si la CAF en demande."
        ),
        "agent_help": (
            "L’agent vous explique les conditions, vous aide à créer votre compte et à "
            "remplir la demande, et peut numériser vos justificatifs. La décision revient "
            "à la CAF et au département."
        ),
        "sources": [
            {"label": "CAF", "url": "https://www.caf.fr"},
            {"label": "Service-Public.fr", "url": "https://www.service-public.fr"},
        ],
        "related": ["prime-activite", "inscription-france-travail", "aide-logement"],
    },
    {
        "slug": "aide-logement",
        "title": "Demander une aide au logement",
        "intro": (
            "Locataire ou résident en foyer, vous pouvez recevoir une aide de la CAF pour "
            "réduire votre loyer chaque mois."
        ),
        "themes": ["logement"],
        "audiences": ["particulier"],
        "partners": ["caf"],
        "summary": (
            "La CAF verse des aides au logement (APL, ALF ou ALS) pour payer une partie du "
            "loyer. Le montant dépend de vos ressources, de votre loyer et de votre foyer. "
            "L’aide est souvent versée directement au propriétaire."
        ),
        "who": (
            "Les locataires, colocataires, sous-locataires et résidents de foyer dont le "
            "logement est leur résidence principale et respecte les normes de décence. "
            "Les étudiants peuvent aussi en bénéficier."
        ),
        "steps": [
            {
                "title": "Simuler votre aide",
                "text": "Utilisez le simulateur de la CAF, idéalement avant de signer le bail.",
                "link": "https://www.caf.fr",
                "link_label": "Site de la CAF",
            },
            {
                "title": "Faire la demande dès l’entrée dans le logement",
                "text": (
                    "Déposez votre demande en ligne sans attendre : l’aide ne remonte pas "
                    "avant la date de la demande."
                ),
                "link": "https://www.caf.fr",
                "link_label": "Mon Compte sur caf.fr",
            },
            {
                "title": "Faire compléter l’attestation de loyer",
                "text": (
                    "Votre propriétaire ou le gestionnaire confirme le montant du loyer, "
                    "souvent directement en ligne."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Bail ou contrat de location",
            "Attestation de loyer remplie par le bailleur",
            "Relevé d’identité bancaire (RIB)",
            "Pièce d’identité ou titre de séjour",
        ],
        "cost": "Gratuit",
        "delay": ("En général quelques semaines ; le mois d’emménagement n’est pas indemnisé"),
        "online_needs": (
            "Un compte sur caf.fr, une adresse e-mail et les coordonnées de votre propriétaire."
        ),
        "agent_help": (
            "L’agent vous aide à faire la simulation, à remplir la demande et à numériser "
            "votre bail. Il peut contacter la CAF si le dossier bloque, mais c’est la CAF "
            "qui calcule et décide."
        ),
        "sources": [{"label": "CAF", "url": "https://www.caf.fr"}],
        "related": ["logement-social", "changement-adresse", "prime-activite"],
    },
    {
        "slug": "allocations-familiales",
        "title": "Recevoir les allocations familiales",
        "intro": (
            "À partir de deux enfants à charge, la CAF verse des allocations familiales "
            "chaque mois."
        ),
        "themes": ["famille"],
        "audiences": ["particulier"],
        "partners": ["caf"],
        "summary": (
            "Les allocations familiales aident les familles d’au moins deux enfants. "
            "Le montant dépend du nombre d’enfants, de leur âge et de vos ressources. "
            "Si vous êtes déjà allocataire, elles sont souvent ouvertes automatiquement."
        ),
        "who": (
            "Les familles qui vivent en France et assument la charge d’au moins deux "
            "enfants de moins de 20 ans."
        ),
        "steps": [
            {
                "title": "Vérifier que la CAF connaît vos enfants",
                "text": (
                    "Connectez-vous à votre espace Mon Compte et contrôlez la liste des "
                    "enfants déclarés."
                ),
                "link": "https://www.caf.fr",
                "link_label": "Mon Compte sur caf.fr",
            },
            {
                "title": "Déclarer un nouvel enfant",
                "text": (
                    "Signalez chaque naissance ou arrivée d’enfant dans votre foyer depuis "
                    "la rubrique des changements de situation."
                ),
                "link": "https://www.caf.fr",
                "link_label": "Site de la CAF",
            },
            {
                "title": "Garder votre situation à jour",
                "text": (
                    "Prévenez la CAF en cas de séparation, de déménagement ou si un enfant "
                    "quitte le foyer."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Livret de famille ou actes de naissance des enfants",
            "Pièce d’identité ou titre de séjour",
            "Relevé d’identité bancaire (RIB)",
        ],
        "cost": "Gratuit",
        "delay": "En général quelques semaines après la déclaration",
        "online_needs": "Un compte sur caf.fr ou FranceConnect et une adresse e-mail.",
        "agent_help": (
            "L’agent vous aide à vous connecter, à déclarer un enfant et à vérifier votre "
            "dossier. Il peut joindre la CAF pour vous, mais il ne décide pas de vos droits."
        ),
        "sources": [{"label": "CAF", "url": "https://www.caf.fr"}],
        "related": ["declarer-naissance-caf", "aide-logement"],
    },
    {
        "slug": "compte-ameli",
        "title": "Créer son compte ameli",
        "intro": (
            "Le compte ameli permet de suivre vos remboursements et de télécharger vos "
            "attestations de l’Assurance Maladie sans vous déplacer."
        ),
        "themes": ["sante", "numerique"],
        "audiences": ["particulier"],
        "partners": ["assurance-maladie"],
        "summary": (
            "Le compte ameli est votre espace personnel en ligne à l’Assurance Maladie. "
            "Vous y consultez vos remboursements, téléchargez une attestation de droits "
            "et échangez avec votre caisse par messagerie."
        ),
        "who": "Toute personne affiliée au régime général de l’Assurance Maladie.",
        "steps": [
            {
                "title": "Choisir votre mode de création",
                "text": (
                    "Vous pouvez passer par FranceConnect ou créer le compte avec votre "
                    "numéro de sécurité sociale."
                ),
                "link": "https://www.ameli.fr",
                "link_label": "ameli.fr",
            },
            {
                "title": "Renseigner vos informations",
                "text": (
                    "Indiquez votre numéro de sécurité sociale, votre date de naissance et "
                    "votre code postal, puis les informations demandées pour vérifier votre "
                    "identité."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Choisir un mot de passe",
                "text": (
                    "Créez un mot de passe personnel et notez-le dans un endroit sûr. "
                    "Activez votre compte grâce au lien reçu par e-mail."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Carte Vitale ou attestation de droits",
            "Relevé d’identité bancaire (RIB) enregistré auprès de l’Assurance Maladie",
            "Téléphone portable ou adresse e-mail",
        ],
        "cost": "Gratuit",
        "delay": "Immédiat en ligne ; quelques jours si un code est envoyé par courrier",
        "online_needs": (
            "Une adresse e-mail personnelle et, si possible, un téléphone portable. "
            "FranceConnect simplifie la création."
        ),
        "agent_help": (
            "L’agent vous accompagne pas à pas pour créer le compte et vous montre où "
            "trouver vos attestations et remboursements. Il ne connaît pas votre mot de "
            "passe et n’a pas accès à votre dossier médical."
        ),
        "sources": [{"label": "ameli.fr", "url": "https://www.ameli.fr"}],
        "related": ["carte-vitale", "remboursement-soins", "compte-franceconnect"],
    },
    {
        "slug": "carte-vitale",
        "title": "Obtenir ou remplacer sa carte Vitale",
        "intro": (
            "Carte perdue, volée, abîmée ou première demande : voici comment commander "
            "une carte Vitale."
        ),
        "themes": ["sante"],
        "audiences": ["particulier"],
        "partners": ["assurance-maladie"],
        "summary": (
            "La carte Vitale prouve vos droits à l’Assurance Maladie et accélère vos "
            "remboursements. Vous la commandez en ligne depuis votre compte ameli, avec "
            "une photo et une pièce d’identité."
        ),
        "who": (
            "Les assurés qui n’ont pas encore de carte, ou dont la carte est perdue, volée "
            "ou ne fonctionne plus."
        ),
        "steps": [
            {
                "title": "Déclarer la perte ou le vol",
                "text": (
                    "Signalez-le depuis votre compte ameli : l’ancienne carte est alors "
                    "désactivée."
                ),
                "link": "https://www.ameli.fr",
                "link_label": "Compte ameli",
            },
            {
                "title": "Commander la nouvelle carte",
                "text": (
                    "Utilisez le service de commande de carte Vitale et ajoutez une photo "
                    "récente et une copie de votre pièce d’identité."
                ),
                "link": "https://www.ameli.fr",
                "link_label": "ameli.fr",
            },
            {
                "title": "En attendant la carte",
                "text": (
                    "Téléchargez une attestation de droits sur votre compte ameli et "
                    "présentez-la chez les professionnels de santé."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Photo d’identité récente",
            "Pièce d’identité ou titre de séjour",
            "Numéro de sécurité sociale",
        ],
        "cost": "Gratuit",
        "delay": "En général quelques semaines",
        "online_needs": (
            "Un compte ameli, une photo et une pièce d’identité numérisées. "
            "L’application carte Vitale est aussi une option sur smartphone."
        ),
        "agent_help": (
            "L’agent peut prendre ou numériser votre photo et votre pièce d’identité, "
            "puis vous aider à passer commande. La fabrication et l’envoi de la carte "
            "dépendent de l’Assurance Maladie."
        ),
        "sources": [{"label": "ameli.fr", "url": "https://www.ameli.fr"}],
        "related": ["compte-ameli", "remboursement-soins"],
    },
    {
        "slug": "complementaire-sante-solidaire",
        "title": "Demander la Complémentaire santé solidaire",
        "intro": (
            "Avec des revenus modestes, la Complémentaire santé solidaire prend en charge "
            "la plupart de vos frais de santé restants."
        ),
        "themes": ["sante"],
        "audiences": ["particulier"],
        "partners": ["assurance-maladie"],
        "summary": (
            "La Complémentaire santé solidaire (CSS) joue le rôle d’une mutuelle. "
            "Selon vos ressources, elle est gratuite ou coûte une petite participation "
            "mensuelle. Elle est accordée pour un an et se renouvelle."
        ),
        "who": (
            "Les personnes affiliées à l’Assurance Maladie dont les ressources du foyer "
            "restent sous un plafond. Les bénéficiaires du RSA y ont accès de façon "
            "simplifiée."
        ),
        "steps": [
            {
                "title": "Simuler vos droits",
                "text": "Vérifiez sur ameli.fr si vos ressources permettent d’en bénéficier.",
                "link": "https://www.ameli.fr",
                "link_label": "ameli.fr",
            },
            {
                "title": "Faire la demande",
                "text": (
                    "Déposez la demande depuis votre compte ameli, ou remplissez le "
                    "formulaire papier et envoyez-le à votre caisse."
                ),
                "link": "https://www.ameli.fr",
                "link_label": "Compte ameli",
            },
            {
                "title": "Penser au renouvellement",
                "text": (
                    "Refaites la demande environ deux mois avant la fin de vos droits pour "
                    "éviter toute interruption."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Justificatifs de ressources de tous les membres du foyer",
            "Numéro de sécurité sociale",
            "Pièce d’identité ou titre de séjour",
            "Relevé d’identité bancaire (RIB) si une participation est due",
        ],
        "cost": "Gratuit ou participation mensuelle selon vos ressources",
        "delay": "En général quelques semaines",
        "online_needs": (
            "Un compte ameli et, si besoin, vos justificatifs de ressources numérisés."
        ),
        "agent_help": (
            "L’agent vous aide à estimer vos droits, à remplir la demande et à réunir les "
            "justificatifs. Il peut contacter l’Assurance Maladie pour suivre le dossier, "
            "mais ne décide pas de l’attribution."
        ),
        "sources": [{"label": "ameli.fr", "url": "https://www.ameli.fr"}],
        "related": ["compte-ameli", "rsa", "remboursement-soins"],
    },
    {
        "slug": "demande-retraite",
        "title": "Demander sa retraite",
        "intro": (
            "Une seule demande en ligne suffit pour tous vos régimes de retraite de base "
            "et complémentaires."
        ),
        "themes": ["retraite"],
        "audiences": ["particulier"],
        "partners": ["assurance-retraite"],
        "summary": (
            "La demande de retraite se fait en ligne, en une seule fois pour l’ensemble de "
            "vos régimes. Il est conseillé de la déposer plusieurs mois avant la date de "
            "départ souhaitée, après avoir vérifié votre carrière."
        ),
        "who": (
            "Les personnes qui atteignent l’âge de départ ou qui remplissent les "
            "conditions d’un départ anticipé."
        ),
        "steps": [
            {
                "title": "Vérifier votre relevé de carrière",
                "text": (
                    "Contrôlez que toutes vos périodes de travail, de chômage ou de "
                    "maladie apparaissent. Signalez les oublis."
                ),
                "link": "https://www.info-retraite.fr",
                "link_label": "info-retraite.fr",
            },
            {
                "title": "Choisir votre date de départ",
                "text": (
                    "Estimez le montant de votre retraite selon plusieurs dates grâce au "
                    "simulateur en ligne."
                ),
                "link": "https://www.lassuranceretraite.fr",
                "link_label": "L’Assurance retraite",
            },
            {
                "title": "Déposer la demande unique",
                "text": (
                    "Environ six mois avant le départ, faites votre demande sur "
                    "info-retraite.fr et joignez les pièces demandées."
                ),
                "link": "https://www.info-retraite.fr",
                "link_label": "Demande de retraite en ligne",
            },
            {
                "title": "Suivre votre dossier",
                "text": "L’avancement de votre demande est visible dans votre espace en ligne.",
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Pièce d’identité",
            "Relevé d’identité bancaire (RIB)",
            "Dernier avis d’impôt sur le revenu",
            "Livret de famille si vous avez eu ou élevé des enfants",
        ],
        "cost": "Gratuit",
        "delay": "Déposer la demande environ six mois avant la date de départ souhaitée",
        "online_needs": (
            "Un compte retraite, accessible avec FranceConnect, et vos justificatifs numérisés."
        ),
        "agent_help": (
            "L’agent vous aide à lire votre relevé de carrière, à vous connecter et à "
            "envoyer la demande avec les bons documents. Il peut prendre contact avec "
            "la caisse de retraite, qui reste seule à calculer et décider."
        ),
        "sources": [
            {"label": "info-retraite.fr", "url": "https://www.info-retraite.fr"},
            {"label": "L’Assurance retraite", "url": "https://www.lassuranceretraite.fr"},
        ],
        "related": ["retraite-reversion", "compte-franceconnect"],
    },
    {
        "slug": "declaration-revenus",
        "title": "Déclarer ses revenus",
        "intro": (
            "Chaque printemps, vous déclarez les revenus de l’année précédente pour "
            "calculer votre impôt et votre taux de prélèvement."
        ),
        "themes": ["impots"],
        "audiences": ["particulier"],
        "partners": ["dgfip"],
        "summary": (
            "La déclaration de revenus a lieu une fois par an, au printemps. "
            "Elle sert à calculer votre impôt, mais aussi de nombreuses aides. "
            "La plupart des informations sont déjà pré-remplies : il faut les vérifier."
        ),
        "who": (
            "Tous les foyers qui vivent en France, même avec de faibles revenus ou sans "
            "revenus : la déclaration ouvre droit à d’autres aides."
        ),
        "steps": [
            {
                "title": "Se connecter à votre espace particulier",
                "text": ("Utilisez votre numéro fiscal et votre mot de passe, ou FranceConnect."),
                "link": "https://www.impots.gouv.fr",
                "link_label": "impots.gouv.fr",
            },
            {
                "title": "Vérifier les montants pré-remplis",
                "text": (
                    "Comparez salaires, pensions et allocations avec vos propres documents. "
                    "Corrigez ce qui est faux et ajoutez ce qui manque."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Ajouter vos charges et réductions",
                "text": (
                    "Indiquez par exemple les frais de garde, les dons ou l’emploi d’une "
                    "aide à domicile."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Signer et conserver l’accusé de réception",
                "text": (
                    "Validez avant la date limite de votre département et gardez l’accusé "
                    "de réception. L’avis d’impôt arrive pendant l’été."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Numéro fiscal (sur un ancien avis d’impôt)",
            "Mot de passe de l’espace particulier",
            "Attestations de salaires, pensions ou allocations",
            "Justificatifs de charges (garde d’enfant, dons, emploi à domicile)",
        ],
        "cost": "Gratuit",
        "delay": "Avant la date limite fixée chaque année selon votre département",
        "online_needs": (
            "Un espace particulier sur impots.gouv.fr ou FranceConnect, et une adresse "
            "e-mail pour recevoir la confirmation."
        ),
        "agent_help": (
            "L’agent vous aide à vous connecter, à relire les montants et à trouver les "
            "bonnes cases. Il peut solliciter le centre des finances publiques en cas de "
            "doute, mais la déclaration reste la vôtre."
        ),
        "sources": [{"label": "impots.gouv.fr", "url": "https://www.impots.gouv.fr"}],
        "related": ["prelevement-source", "cheque-energie", "compte-franceconnect"],
    },
    {
        "slug": "prelevement-source",
        "title": "Gérer son prélèvement à la source",
        "intro": (
            "Changement de revenus, mariage, naissance : adaptez votre taux de "
            "prélèvement à la source pour éviter les mauvaises surprises."
        ),
        "themes": ["impots"],
        "audiences": ["particulier"],
        "partners": ["dgfip"],
        "summary": (
            "L’impôt sur le revenu est prélevé chaque mois sur votre salaire, votre pension "
            "ou vos allocations. Votre taux peut être ajusté en ligne quand votre "
            "situation change. Un écart éventuel est régularisé l’année suivante."
        ),
        "who": (
            "Les contribuables dont les revenus ou la situation de famille évoluent, ainsi "
            "que les couples qui souhaitent un taux individualisé."
        ),
        "steps": [
            {
                "title": "Ouvrir la rubrique dédiée",
                "text": (
                    "Dans votre espace particulier, allez dans la rubrique de gestion du "
                    "prélèvement à la source."
                ),
                "link": "https://www.impots.gouv.fr",
                "link_label": "impots.gouv.fr",
            },
            {
                "title": "Signaler un changement de situation",
                "text": (
                    "Déclarez un mariage, un PACS, une naissance ou une séparation dans les "
                    "deux mois qui suivent."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Actualiser votre taux",
                "text": (
                    "Si vos revenus augmentent ou baissent nettement, indiquez une "
                    "estimation pour recalculer le taux."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Numéro fiscal et mot de passe",
            "Estimation de vos revenus de l’année en cours",
            "Justificatif du changement de situation si besoin",
        ],
        "cost": "Gratuit",
        "delay": "Le nouveau taux s’applique en général sous deux à trois mois",
        "online_needs": "Un espace particulier sur impots.gouv.fr ou une connexion FranceConnect.",
        "agent_help": (
            "L’agent vous explique le fonctionnement du taux et vous guide dans votre "
            "espace en ligne. Il peut aussi vous aider à écrire via la messagerie sécurisée. "
            "Le calcul relève de l’administration fiscale."
        ),
        "sources": [{"label": "impots.gouv.fr", "url": "https://www.impots.gouv.fr"}],
        "related": ["declaration-revenus"],
    },
    {
        "slug": "inscription-france-travail",
        "title": "S’inscrire à France Travail",
        "intro": (
            "Vous cherchez un emploi ou votre contrat se termine ? L’inscription à France "
            "Travail ouvre l’accompagnement et, selon le cas, une indemnisation."
        ),
        "themes": ["emploi"],
        "audiences": ["particulier"],
        "partners": ["france-travail"],
        "summary": (
            "L’inscription comme demandeur d’emploi se fait en ligne. "
            "Elle permet d’être accompagné par un conseiller et de demander une allocation "
            "chômage si vous avez assez travaillé."
        ),
        "who": (
            "Toute personne qui recherche un emploi, qu’elle ait déjà travaillé ou non. "
            "Mieux vaut s’inscrire dès la fin du contrat de travail."
        ),
        "steps": [
            {
                "title": "Préparer vos informations",
                "text": (
                    "Rassemblez vos coordonnées, votre parcours professionnel et votre "
                    "dernière attestation employeur."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Remplir l’inscription en ligne",
                "text": (
                    "Créez votre espace personnel et répondez aux questions sur votre "
                    "situation et le métier recherché."
                ),
                "link": "https://www.francetravail.fr",
                "link_label": "francetravail.fr",
            },
            {
                "title": "Envoyer vos justificatifs",
                "text": "Déposez les documents demandés dans votre espace, au format numérique.",
                "link": "",
                "link_label": "",
            },
            {
                "title": "Préparer le premier rendez-vous",
                "text": (
                    "Un conseiller vous contacte pour faire le point et construire votre "
                    "projet. Préparez votre CV."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Pièce d’identité ou titre de séjour autorisant à travailler",
            "Numéro de sécurité sociale",
            "Attestation employeur destinée à France Travail",
            "Relevé d’identité bancaire (RIB)",
            "CV à jour",
        ],
        "cost": "Gratuit",
        "delay": "Inscription immédiate en ligne ; premier contact en général sous quelques jours",
        "online_needs": (
            "Une adresse e-mail, un numéro de téléphone et vos documents numérisés. "
            "FranceConnect peut être utilisé."
        ),
        "agent_help": (
            "L’agent vous aide à créer votre espace, à remplir l’inscription et à numériser "
            "vos justificatifs. Il peut joindre France Travail en cas de blocage, mais "
            "n’intervient pas sur l’ouverture de vos droits."
        ),
        "sources": [{"label": "France Travail", "url": "https://www.francetravail.fr"}],
        "related": ["actualisation-france-travail", "jeunes-mission-locale", "adresse-email"],
    },
    {
        "slug": "actualisation-france-travail",
        "title": "S’actualiser chaque mois à France Travail",
        "intro": (
            "L’actualisation mensuelle confirme que vous cherchez toujours un emploi et "
            "permet le versement de votre allocation."
        ),
        "themes": ["emploi"],
        "audiences": ["particulier"],
        "partners": ["france-travail"],
        "summary": (
            "Chaque mois, vous déclarez votre situation à France Travail : heures "
            "travaillées, formation, arrêt maladie. Sans actualisation, votre inscription "
            "peut être annulée et l’allocation suspendue."
        ),
        "who": "Toutes les personnes inscrites comme demandeurs d’emploi.",
        "steps": [
            {
                "title": "Repérer la période d’actualisation",
                "text": (
                    "L’actualisation s’ouvre à la fin de chaque mois pendant quelques "
                    "jours. Notez les dates affichées dans votre espace."
                ),
                "link": "https://www.francetravail.fr",
                "link_label": "francetravail.fr",
            },
            {
                "title": "Déclarer votre situation",
                "text": (
                    "Indiquez les heures travaillées et les salaires bruts du mois, même "
                    "s’ils ne sont pas encore payés."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Envoyer les bulletins de salaire",
                "text": (
                    "Si vous avez travaillé, ajoutez vos bulletins de paie dans votre "
                    "espace dès que vous les recevez."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Identifiant France Travail et mot de passe",
            "Bulletins de salaire du mois",
            "Arrêt de travail ou attestation de formation le cas échéant",
        ],
        "cost": "Gratuit",
        "delay": "Chaque mois, pendant la période d’actualisation",
        "online_needs": (
            "Votre espace France Travail, sur ordinateur ou sur l’application mobile."
        ),
        "agent_help": (
            "L’agent vous montre comment vous actualiser et déposer vos bulletins de "
            "salaire. Il peut vous aider à contacter votre conseiller, mais ne modifie "
            "pas votre dossier."
        ),
        "sources": [{"label": "France Travail", "url": "https://www.francetravail.fr"}],
        "related": ["inscription-france-travail", "prime-activite"],
    },
    {
        "slug": "carte-grise",
        "title": "Faire sa carte grise après l’achat d’un véhicule d’occasion",
        "intro": (
            "Vous venez d’acheter un véhicule d’occasion ? Mettez la carte grise à votre "
            "nom en ligne, dans le mois qui suit l’achat."
        ),
        "themes": ["papiers-et-titres"],
        "audiences": ["particulier"],
        "partners": ["ants"],
        "summary": (
            "Le changement de titulaire du certificat d’immatriculation se fait uniquement "
            "en ligne sur le site de l’ANTS. Un certificat provisoire vous permet de rouler "
            "en attendant la nouvelle carte, envoyée par courrier."
        ),
        "who": "Toute personne qui achète ou reçoit un véhicule déjà immatriculé en France.",
        "steps": [
            {
                "title": "Récupérer les documents du vendeur",
                "text": (
                    "Le vendeur vous remet la carte grise barrée et signée, le certificat "
                    "de cession et le code de cession qu’il a obtenu en ligne."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Faire la démarche sur le site de l’ANTS",
                "text": (
                    "Connectez-vous avec FranceConnect ou votre compte ANTS et choisissez "
                    "la démarche d’achat d’un véhicule d’occasion."
                ),
                "link": "https://ants.gouv.fr",
                "link_label": "ants.gouv.fr",
            },
            {
                "title": "Payer et imprimer le certificat provisoire",
                "text": (
                    "Réglez les taxes par carte bancaire, puis imprimez le certificat "
                    "provisoire d’immatriculation."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Carte grise barrée avec la mention de la vente",
            "Certificat de cession et code de cession",
            "Contrôle technique de moins de six mois pour un véhicule de plus de quatre ans",
            "Justificatif de domicile",
            "Permis de conduire",
            "Carte bancaire pour le paiement",
        ],
        "cost": "Payant : le montant dépend de votre région et du véhicule",
        "delay": "Dans le mois suivant l’achat ; carte reçue en général sous quelques jours",
        "online_needs": (
            "Un compte ANTS ou FranceConnect, une adresse e-mail, les documents numérisés "
            "et une carte bancaire."
        ),
        "agent_help": (
            "L’agent vous guide dans la démarche en ligne, vérifie que vos pièces sont "
            "complètes et peut les numériser. L’instruction et la délivrance relèvent "
            "de l’ANTS."
        ),
        "sources": [{"label": "ANTS", "url": "https://ants.gouv.fr"}],
        "related": ["permis-de-conduire", "compte-franceconnect", "changement-adresse"],
    },
    {
        "slug": "permis-de-conduire",
        "title": "Demander son permis de conduire",
        "intro": (
            "Premier permis, perte, vol ou permis abîmé : la demande de titre se fait en "
            "ligne sur le site de l’ANTS."
        ),
        "themes": ["papiers-et-titres"],
        "audiences": ["particulier"],
        "partners": ["ants"],
        "summary": (
            "Toutes les demandes de permis de conduire se font en ligne. "
            "Vous avez besoin d’une photo numérique réalisée chez un photographe ou dans "
            "une cabine agréés. Le permis est ensuite envoyé à votre domicile."
        ),
        "who": (
            "Les candidats qui s’inscrivent à l’examen ou viennent de le réussir, et les "
            "conducteurs dont le permis est perdu, volé, abîmé ou arrive à expiration."
        ),
        "steps": [
            {
                "title": "Faire une photo numérique",
                "text": (
                    "Rendez-vous chez un photographe ou dans une cabine agréés ANTS : vous "
                    "recevez un code de photo et de signature numériques."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Remplir la demande en ligne",
                "text": (
                    "Connectez-vous au site de l’ANTS, choisissez le motif de la demande et "
                    "saisissez votre code photo."
                ),
                "link": "https://ants.gouv.fr",
                "link_label": "ants.gouv.fr",
            },
            {
                "title": "Suivre l’avancement",
                "text": (
                    "Vous êtes informé par e-mail à chaque étape, jusqu’à l’envoi du "
                    "permis par courrier."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Code photo et signature numériques",
            "Pièce d’identité",
            "Justificatif de domicile",
            "Déclaration de perte ou de vol le cas échéant",
        ],
        "cost": "Gratuit dans la plupart des cas ; un timbre fiscal est demandé en cas de perte",
        "delay": "En général quelques semaines",
        "online_needs": (
            "Un compte ANTS ou FranceConnect, une adresse e-mail et vos justificatifs numérisés."
        ),
        "agent_help": (
            "L’agent vous aide à créer votre compte, à remplir la demande et à joindre les "
            "pièces. Il peut interroger l’ANTS sur un dossier bloqué, mais ne délivre pas "
            "le permis."
        ),
        "sources": [{"label": "ANTS", "url": "https://ants.gouv.fr"}],
        "related": ["carte-grise", "carte-identite"],
    },
    {
        "slug": "carte-identite",
        "title": "Faire une pré-demande de carte d’identité",
        "intro": (
            "Gagnez du temps en mairie : remplissez votre pré-demande de carte d’identité "
            "en ligne avant votre rendez-vous."
        ),
        "themes": ["papiers-et-titres"],
        "audiences": ["particulier"],
        "partners": ["ants"],
        "summary": (
            "La pré-demande en ligne remplace le formulaire papier. "
            "Vous prenez ensuite rendez-vous dans une mairie équipée d’un dispositif de "
            "recueil, où vos empreintes sont relevées. La carte se retire au même endroit."
        ),
        "who": (
            "Toute personne de nationalité française, adulte ou mineure, pour une première "
            "demande ou un renouvellement."
        ),
        "steps": [
            {
                "title": "Remplir la pré-demande",
                "text": (
                    "Sur le site de l’ANTS, saisissez votre état civil et votre adresse. "
                    "Notez le numéro de pré-demande obtenu."
                ),
                "link": "https://ants.gouv.fr",
                "link_label": "ants.gouv.fr",
            },
            {
                "title": "Prendre rendez-vous en mairie",
                "text": (
                    "Choisissez une mairie équipée, pas forcément celle de votre domicile. "
                    "Les délais varient selon les communes."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Se présenter au rendez-vous",
                "text": (
                    "Apportez le numéro de pré-demande, une photo conforme et les "
                    "justificatifs demandés."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Retirer la carte",
                "text": "Vous êtes prévenu quand la carte est prête à retirer en mairie.",
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Numéro de pré-demande",
            "Photo d’identité récente et conforme",
            "Justificatif de domicile",
            "Ancienne carte d’identité ou passeport",
            "Déclaration de perte ou de vol le cas échéant",
        ],
        "cost": "Gratuit, sauf en cas de perte ou de vol (timbre fiscal)",
        "delay": "Variable selon la mairie, souvent plusieurs semaines",
        "online_needs": "Un compte ANTS ou FranceConnect et une adresse e-mail.",
        "agent_help": (
            "L’agent vous aide à remplir la pré-demande, à trouver une mairie équipée et "
            "à vérifier la liste des pièces. La carte est délivrée par la préfecture, "
            "pas par France Services."
        ),
        "sources": [
            {"label": "ANTS", "url": "https://ants.gouv.fr"},
            {"label": "Service-Public.fr", "url": "https://www.service-public.fr"},
        ],
        "related": ["passeport", "compte-franceconnect"],
    },
    {
        "slug": "passeport",
        "title": "Faire une pré-demande de passeport",
        "intro": (
            "Préparez votre demande de passeport en ligne, achetez le timbre fiscal, puis "
            "rendez-vous dans une mairie équipée."
        ),
        "themes": ["papiers-et-titres"],
        "audiences": ["particulier"],
        "partners": ["ants"],
        "summary": (
            "Le passeport se demande comme la carte d’identité : pré-demande en ligne, "
            "puis rendez-vous en mairie pour le relevé des empreintes. "
            "Il faut en plus un timbre fiscal, que vous pouvez acheter en ligne."
        ),
        "who": (
            "Toute personne de nationalité française qui souhaite voyager hors de l’Union "
            "européenne ou remplacer un passeport expiré, perdu ou volé."
        ),
        "steps": [
            {
                "title": "Acheter le timbre fiscal",
                "text": (
                    "Achetez le timbre fiscal électronique en ligne ou chez un buraliste. "
                    "Son montant dépend de l’âge du demandeur."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Remplir la pré-demande",
                "text": (
                    "Complétez la pré-demande sur le site de l’ANTS et gardez le numéro "
                    "de pré-demande."
                ),
                "link": "https://ants.gouv.fr",
                "link_label": "ants.gouv.fr",
            },
            {
                "title": "Aller au rendez-vous en mairie",
                "text": (
                    "Présentez-vous avec vos pièces dans une mairie équipée. "
                    "Anticipez avant l’été, les délais s’allongent."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Numéro de pré-demande",
            "Timbre fiscal",
            "Photo d’identité récente et conforme",
            "Justificatif de domicile",
            "Ancien passeport ou carte d’identité",
        ],
        "cost": "Payant : timbre fiscal dont le montant dépend de l’âge",
        "delay": "Variable selon la mairie et la période, souvent plusieurs semaines",
        "online_needs": (
            "Un compte ANTS ou FranceConnect, une adresse e-mail et une carte bancaire "
            "pour le timbre en ligne."
        ),
        "agent_help": (
            "L’agent vous accompagne pour la pré-demande et l’achat du timbre fiscal, et "
            "vérifie avec vous les pièces à apporter. Le passeport est instruit et délivré "
            "par les services de l’État."
        ),
        "sources": [
            {"label": "ANTS", "url": "https://ants.gouv.fr"},
            {"label": "Service-Public.fr", "url": "https://www.service-public.fr"},
        ],
        "related": ["carte-identite"],
    },
    {
        "slug": "procuration-vote",
        "title": "Donner procuration pour voter",
        "intro": (
            "Absent le jour du vote ? Confiez votre vote à un électeur de confiance grâce "
            "à une procuration faite en ligne."
        ),
        "themes": ["citoyennete"],
        "audiences": ["particulier"],
        "partners": ["ants"],
        "summary": (
            "La procuration permet à un autre électeur de voter à votre place. "
            "Vous la demandez en ligne, puis vous faites vérifier votre identité en "
            "personne. La personne choisie vote dans votre bureau de vote."
        ),
        "who": "Tout électeur inscrit sur les listes électorales qui ne peut pas voter lui-même.",
        "steps": [
            {
                "title": "Préparer les informations",
                "text": (
                    "Munissez-vous de votre numéro national d’électeur et de celui de la "
                    "personne qui votera pour vous."
                ),
                "link": "https://www.service-public.fr",
                "link_label": "Retrouver son numéro d’électeur",
            },
            {
                "title": "Faire la demande en ligne",
                "text": (
                    "Connectez-vous avec FranceConnect et remplissez le formulaire. "
                    "Vous recevez une référence par e-mail."
                ),
                "link": "https://www.maprocuration.gouv.fr",
                "link_label": "maprocuration.gouv.fr",
            },
            {
                "title": "Faire vérifier votre identité",
                "text": (
                    "Présentez-vous avec la référence et une pièce d’identité dans un "
                    "commissariat, une gendarmerie ou un consulat."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Prévenir votre mandataire",
                "text": (
                    "Vous recevez un e-mail de confirmation : informez la personne choisie "
                    "de la date et de votre bureau de vote."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Pièce d’identité",
            "Référence de la demande en ligne",
            "Numéro national d’électeur du mandant et du mandataire",
        ],
        "cost": "Gratuit",
        "delay": "Le plus tôt possible avant le scrutin, pour laisser le temps de la transmission",
        "online_needs": (
            "Une connexion FranceConnect et une adresse e-mail. Sans accès en ligne, un "
            "formulaire papier reste possible sur place."
        ),
        "agent_help": (
            "L’agent vous aide à retrouver votre numéro d’électeur et à remplir la demande "
            "en ligne. La vérification d’identité se fait ensuite au commissariat ou à la "
            "gendarmerie, pas en France Services."
        ),
        "sources": [
            {"label": "maprocuration.gouv.fr", "url": "https://www.maprocuration.gouv.fr"},
            {"label": "Service-Public.fr", "url": "https://www.service-public.fr"},
        ],
        "related": ["compte-franceconnect", "carte-identite"],
    },
    {
        "slug": "cheque-energie",
        "title": "Utiliser son chèque énergie",
        "intro": (
            "Le chèque énergie aide les foyers modestes à payer leurs factures d’énergie "
            "ou certains travaux d’économie d’énergie."
        ),
        "themes": ["energie", "logement"],
        "audiences": ["particulier"],
        "partners": ["dgfip"],
        "summary": (
            "Le chèque énergie est attribué une fois par an selon vos revenus déclarés et "
            "la composition de votre foyer. Dans la plupart des cas, il est envoyé sans "
            "démarche. Il sert à régler électricité, gaz, fioul, bois ou certains travaux."
        ),
        "who": (
            "Les foyers aux revenus modestes qui ont fait leur déclaration de revenus, "
            "même sans être imposables."
        ),
        "steps": [
            {
                "title": "Déclarer vos revenus chaque année",
                "text": (
                    "L’attribution s’appuie sur votre déclaration de revenus : pensez à la "
                    "faire, même avec peu ou pas de revenus."
                ),
                "link": "https://www.impots.gouv.fr",
                "link_label": "impots.gouv.fr",
            },
            {
                "title": "Vérifier vos droits",
                "text": (
                    "Si vous pensez y avoir droit sans l’avoir reçu, consultez le site "
                    "officiel du chèque énergie."
                ),
                "link": "https://www.chequeenergie.gouv.fr",
                "link_label": "chequeenergie.gouv.fr",
            },
            {
                "title": "Utiliser le chèque",
                "text": (
                    "Envoyez-le à votre fournisseur ou utilisez-le en ligne. Vous pouvez "
                    "aussi demander qu’il soit déduit automatiquement des prochaines années."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Chèque énergie reçu par courrier",
            "Numéro de contrat ou facture d’énergie",
            "Dernier avis d’impôt en cas de réclamation",
        ],
        "cost": "Gratuit",
        "delay": "Envoi une fois par an, en général au printemps",
        "online_needs": (
            "Pour une utilisation en ligne : le numéro du chèque et votre référence client "
            "chez le fournisseur."
        ),
        "agent_help": (
            "L’agent vous explique comment utiliser le chèque et vous aide sur le site "
            "officiel ou l’espace client de votre fournisseur. Il ne peut pas attribuer "
            "un chèque : cela dépend des données fiscales."
        ),
        "sources": [
            {"label": "Chèque énergie", "url": "https://www.chequeenergie.gouv.fr"},
        ],
        "related": ["declaration-revenus", "aide-logement"],
    },
    {
        "slug": "aide-juridictionnelle",
        "title": "Demander l’aide juridictionnelle",
        "intro": (
            "Avec des ressources modestes, l’État peut prendre en charge tout ou partie de "
            "vos frais d’avocat et de procédure."
        ),
        "themes": ["justice-et-droits"],
        "audiences": ["particulier"],
        "partners": ["justice"],
        "summary": (
            "L’aide juridictionnelle couvre, totalement ou en partie, les frais d’un procès "
            "ou d’une procédure : avocat, commissaire de justice, expertise. "
            "Elle dépend de vos ressources et de votre patrimoine."
        ),
        "who": (
            "Les personnes aux revenus modestes engagées dans une procédure, en demande ou "
            "en défense. Une assurance de protection juridique passe en priorité."
        ),
        "steps": [
            {
                "title": "Vérifier votre éligibilité",
                "text": (
                    "Estimez vos droits avec le simulateur en ligne, à partir de votre "
                    "dernier avis d’impôt."
                ),
                "link": "https://www.justice.fr",
                "link_label": "justice.fr",
            },
            {
                "title": "Remplir la demande",
                "text": (
                    "Faites la demande en ligne ou remplissez le formulaire papier. "
                    "Indiquez l’avocat choisi si vous en avez un."
                ),
                "link": "https://www.justice.fr",
                "link_label": "Demande en ligne",
            },
            {
                "title": "Envoyer le dossier",
                "text": (
                    "Le dossier est transmis au bureau d’aide juridictionnelle du tribunal "
                    "concerné, avec les pièces justificatives."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Dernier avis d’impôt sur le revenu",
            "Pièce d’identité ou titre de séjour",
            "Documents liés à l’affaire (convocation, jugement, courrier)",
            "Justificatifs de ressources récents si votre situation a changé",
        ],
        "cost": "Gratuit",
        "delay": "Variable selon le tribunal, souvent plusieurs semaines",
        "online_needs": ("FranceConnect pour la demande en ligne et vos justificatifs numérisés."),
        "agent_help": (
            "L’agent vous aide à remplir le formulaire, à rassembler et numériser les "
            "pièces, et vous oriente vers un point-justice si besoin. La décision revient "
            "au bureau d’aide juridictionnelle."
        ),
        "sources": [{"label": "justice.fr", "url": "https://www.justice.fr"}],
        "related": ["conciliateur-justice"],
    },
    {
        "slug": "msa-prime-activite",
        "title": "Demander la prime d’activité à la MSA",
        "intro": (
            "Salarié ou exploitant agricole aux revenus modestes ? Votre prime d’activité "
            "se demande auprès de la MSA."
        ),
        "themes": ["emploi"],
        "audiences": ["particulier"],
        "partners": ["msa"],
        "summary": (
            "Les personnes qui relèvent du régime agricole demandent la prime d’activité "
            "à la MSA et non à la CAF. Le montant dépend de vos ressources et de votre "
            "foyer. Une déclaration trimestrielle permet de conserver le droit."
        ),
        "who": (
            "Les salariés agricoles, exploitants et autres assurés de la MSA âgés de 18 "
            "ans ou plus dont les revenus d’activité sont modestes."
        ),
        "steps": [
            {
                "title": "Faire une simulation",
                "text": "Estimez vos droits avec le simulateur proposé par la MSA.",
                "link": "https://www.msa.fr",
                "link_label": "msa.fr",
            },
            {
                "title": "Faire la demande dans votre espace privé",
                "text": (
                    "Connectez-vous à votre espace privé MSA et remplissez la demande avec "
                    "les ressources des trois derniers mois."
                ),
                "link": "https://www.msa.fr",
                "link_label": "Espace privé MSA",
            },
            {
                "title": "Déclarer vos ressources chaque trimestre",
                "text": "Mettez à jour vos revenus tous les trois mois pour garder la prime.",
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Numéro de sécurité sociale",
            "Bulletins de salaire ou justificatifs de revenus agricoles",
            "Relevé d’identité bancaire (RIB)",
            "Pièce d’identité ou titre de séjour",
        ],
        "cost": "Gratuit",
        "delay": "En général quelques semaines",
        "online_needs": "Un espace privé sur msa.fr et une adresse e-mail.",
        "agent_help": (
            "L’agent vous aide à ouvrir votre espace privé MSA, à faire la simulation et la "
            "demande. Il peut joindre la MSA pour suivre le dossier, mais ne décide pas du "
            "droit."
        ),
        "sources": [{"label": "MSA", "url": "https://www.msa.fr"}],
        "related": ["prime-activite"],
    },
    {
        "slug": "changement-adresse",
        "title": "Signaler son changement d’adresse",
        "intro": (
            "Vous déménagez ? Prévenez plusieurs organismes en une seule fois et pensez à "
            "faire suivre votre courrier."
        ),
        "themes": ["numerique", "logement"],
        "audiences": ["particulier"],
        "partners": ["la-poste"],
        "summary": (
            "Un service en ligne gratuit permet de transmettre votre nouvelle adresse à "
            "plusieurs organismes à la fois : CAF, Assurance Maladie, impôts, France "
            "Travail, caisses de retraite. La Poste propose en plus de réexpédier votre "
            "courrier."
        ),
        "who": "Toute personne qui change de domicile en France.",
        "steps": [
            {
                "title": "Déclarer la nouvelle adresse en ligne",
                "text": (
                    "Utilisez le service de changement de coordonnées et cochez les "
                    "organismes à prévenir."
                ),
                "link": "https://www.service-public.fr",
                "link_label": "Service-Public.fr",
            },
            {
                "title": "Faire suivre votre courrier",
                "text": (
                    "Souscrivez au service de réexpédition de La Poste, en ligne ou au "
                    "bureau de poste, quelques jours avant le départ."
                ),
                "link": "https://www.laposte.fr",
                "link_label": "La Poste",
            },
            {
                "title": "Prévenir les autres contacts",
                "text": (
                    "Informez aussi votre banque, votre assurance, votre employeur et, "
                    "pour la carte grise, le site de l’ANTS."
                ),
                "link": "https://ants.gouv.fr",
                "link_label": "ants.gouv.fr",
            },
        ],
        "documents": [
            "Nouvelle adresse complète",
            "Numéros d’allocataire, de sécurité sociale et fiscal",
            "Pièce d’identité pour la réexpédition du courrier",
        ],
        "cost": "Déclaration gratuite ; réexpédition du courrier payante",
        "delay": "Dès que possible, idéalement avant le déménagement",
        "online_needs": (
            "Un compte Service-Public.fr ou FranceConnect, et une carte bancaire pour la "
            "réexpédition en ligne."
        ),
        "agent_help": (
            "L’agent vous aide à remplir la déclaration en ligne et à ne pas oublier "
            "d’organisme. Il vous explique les offres de réexpédition, mais chaque "
            "organisme met à jour son propre dossier."
        ),
        "sources": [
            {"label": "Service-Public.fr", "url": "https://www.service-public.fr"},
            {"label": "La Poste", "url": "https://www.laposte.fr"},
        ],
        "related": ["aide-logement", "carte-grise", "compte-franceconnect"],
    },
    {
        "slug": "adresse-email",
        "title": "Créer une adresse e-mail",
        "intro": (
            "Une adresse e-mail est indispensable pour la plupart des démarches en ligne. "
            "Voici comment en créer une gratuitement."
        ),
        "themes": ["numerique"],
        "audiences": ["particulier"],
        "partners": ["la-poste"],
        "summary": (
            "Presque tous les comptes administratifs demandent une adresse e-mail : vous y "
            "recevez codes, confirmations et rappels. Plusieurs services, dont celui de "
            "La Poste, permettent d’en créer une gratuitement."
        ),
        "who": (
            "Toute personne qui n’a pas encore d’adresse e-mail, ou qui n’a plus accès à "
            "la sienne."
        ),
        "steps": [
            {
                "title": "Choisir un service de messagerie",
                "text": (
                    "Choisissez un service gratuit et connu. Évitez d’utiliser l’adresse "
                    "d’un proche pour vos démarches personnelles."
                ),
                "link": "https://www.laposte.fr",
                "link_label": "La Poste",
            },
            {
                "title": "Créer l’adresse",
                "text": (
                    "Choisissez un identifiant simple, par exemple prénom.nom, et un mot "
                    "de passe long et difficile à deviner."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Sécuriser le compte",
                "text": (
                    "Ajoutez un numéro de téléphone de secours et notez vos identifiants "
                    "dans un endroit sûr."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Apprendre à consulter vos messages",
                "text": (
                    "Entraînez-vous à ouvrir un message, une pièce jointe et à vérifier le "
                    "dossier des courriers indésirables."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Téléphone portable si possible",
            "Un carnet pour noter vos identifiants",
        ],
        "cost": "Gratuit",
        "delay": "Quelques minutes",
        "online_needs": "Un ordinateur ou un smartphone connecté à internet.",
        "agent_help": (
            "L’agent vous accompagne pour créer l’adresse, choisir un mot de passe et "
            "consulter vos premiers messages. Il ne conserve jamais vos identifiants."
        ),
        "sources": [{"label": "La Poste", "url": "https://www.laposte.fr"}],
        "related": ["compte-franceconnect", "compte-ameli"],
    },
    {
        "slug": "compte-franceconnect",
        "title": "Se connecter avec FranceConnect",
        "intro": (
            "FranceConnect vous permet d’accéder à de nombreux services publics en ligne "
            "avec un compte que vous avez déjà."
        ),
        "themes": ["numerique"],
        "audiences": ["particulier"],
        "partners": ["dgfip"],
        "summary": (
            "FranceConnect n’est pas un nouveau compte : c’est un bouton qui vous connecte "
            "avec un compte existant, par exemple celui des impôts ou d’ameli. "
            "Vous n’avez ainsi qu’un seul mot de passe à retenir."
        ),
        "who": (
            "Toute personne qui possède déjà un compte impots.gouv.fr, ameli, MSA, "
            "l’Identité Numérique La Poste ou un autre compte compatible."
        ),
        "steps": [
            {
                "title": "Vérifier que vous avez un compte compatible",
                "text": (
                    "Le plus courant est l’espace particulier des impôts. Si vous n’en "
                    "avez pas, créez-le avec votre numéro fiscal."
                ),
                "link": "https://www.impots.gouv.fr",
                "link_label": "impots.gouv.fr",
            },
            {
                "title": "Cliquer sur le bouton FranceConnect",
                "text": (
                    "Sur le site où vous voulez vous connecter, choisissez le bouton "
                    "FranceConnect puis le compte à utiliser."
                ),
                "link": "https://franceconnect.gouv.fr",
                "link_label": "franceconnect.gouv.fr",
            },
            {
                "title": "Saisir vos identifiants habituels",
                "text": (
                    "Entrez les identifiants du compte choisi. Vous revenez ensuite "
                    "automatiquement sur le site de départ, déjà connecté."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Identifiants d’un compte compatible (impôts, ameli, MSA…)",
            "Numéro fiscal si vous devez créer votre espace impots.gouv.fr",
        ],
        "cost": "Gratuit",
        "delay": "Immédiat si vous avez déjà un compte compatible",
        "online_needs": (
            "Un compte compatible, une adresse e-mail et parfois un téléphone pour recevoir "
            "un code de sécurité."
        ),
        "agent_help": (
            "L’agent vous explique le principe, vous aide à créer un compte compatible si "
            "besoin et vous accompagne lors de la première connexion. Il ne garde pas vos "
            "mots de passe."
        ),
        "sources": [
            {"label": "FranceConnect", "url": "https://franceconnect.gouv.fr"},
            {"label": "impots.gouv.fr", "url": "https://www.impots.gouv.fr"},
        ],
        "related": ["adresse-email", "compte-ameli", "declaration-revenus"],
    },
    {
        "slug": "logement-social",
        "title": "Faire une demande de logement social",
        "intro": (
            "Déposez une seule demande de logement social, valable pour tout le "
            "département, et pensez à la renouveler chaque année."
        ),
        "themes": ["logement"],
        "audiences": ["particulier"],
        "partners": ["adil", "ccas"],
        "summary": (
            "La demande de logement social se fait en ligne ou à un guichet enregistreur. "
            "Vous recevez un numéro unique qui prouve l’ancienneté de votre demande. "
            "Les délais d’attribution varient beaucoup selon les territoires."
        ),
        "who": (
            "Les personnes de nationalité française ou en séjour régulier dont les "
            "ressources ne dépassent pas certains plafonds."
        ),
        "steps": [
            {
                "title": "Remplir la demande",
                "text": (
                    "Créez votre demande en ligne et choisissez les communes souhaitées. "
                    "Soyez précis sur votre situation."
                ),
                "link": "https://www.demande-logement-social.gouv.fr",
                "link_label": "Demande de logement social",
            },
            {
                "title": "Ajouter les justificatifs",
                "text": (
                    "Déposez vos pièces dans votre dossier en ligne : elles seront "
                    "consultées par les bailleurs."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Garder votre numéro unique",
                "text": "Ce numéro vous sert pour suivre et modifier votre demande.",
                "link": "",
                "link_label": "",
            },
            {
                "title": "Renouveler chaque année",
                "text": (
                    "Renouvelez la demande avant sa date anniversaire, sinon elle est "
                    "supprimée et vous perdez votre ancienneté."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Pièce d’identité ou titre de séjour",
            "Avis d’impôt sur le revenu",
            "Justificatifs de ressources récents",
            "Justificatif de la situation actuelle de logement",
        ],
        "cost": "Gratuit",
        "delay": "Très variable selon le secteur, de quelques mois à plusieurs années",
        "online_needs": (
            "Une adresse e-mail et vos justificatifs numérisés pour les joindre au dossier."
        ),
        "agent_help": (
            "L’agent vous aide à créer la demande, à numériser les pièces et à ne pas "
            "oublier le renouvellement. Il peut vous orienter vers l’ADIL ou le CCAS. "
            "L’attribution est décidée par les commissions des bailleurs."
        ),
        "sources": [
            {
                "label": "Demande de logement social",
                "url": "https://www.demande-logement-social.gouv.fr",
            },
        ],
        "related": ["aide-logement", "changement-adresse"],
    },
    {
        "slug": "mdph-aah",
        "title": "Demander l’allocation aux adultes handicapés (AAH)",
        "intro": (
            "L’AAH assure un revenu minimum aux personnes handicapées. La demande passe "
            "par la MDPH, puis la CAF verse l’allocation."
        ),
        "themes": ["handicap"],
        "audiences": ["particulier"],
        "partners": ["mdph", "caf"],
        "summary": (
            "Vous déposez un dossier unique auprès de la MDPH de votre département. "
            "Une commission évalue votre taux d’incapacité et vos besoins. Si l’AAH est "
            "accordée, la CAF (ou la MSA) calcule et verse le montant selon vos ressources."
        ),
        "who": (
            "Les adultes ayant un handicap reconnu par la MDPH, avec des ressources "
            "limitées, et résidant en France."
        ),
        "steps": [
            {
                "title": "Faire remplir le certificat médical",
                "text": (
                    "Votre médecin complète le certificat médical spécifique à la MDPH. "
                    "Il doit être récent."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Remplir le formulaire de demande",
                "text": (
                    "Complétez le formulaire MDPH, en décrivant votre quotidien et vos "
                    "difficultés. Certaines MDPH acceptent le dépôt en ligne."
                ),
                "link": "https://www.service-public.fr",
                "link_label": "Service-Public.fr",
            },
            {
                "title": "Déposer le dossier à la MDPH",
                "text": "Envoyez ou déposez le dossier complet et gardez une copie.",
                "link": "",
                "link_label": "",
            },
            {
                "title": "Suivre la décision et le versement",
                "text": (
                    "Après la décision de la commission, la CAF vous contacte pour calculer "
                    "l’allocation."
                ),
                "link": "https://www.caf.fr",
                "link_label": "Site de la CAF",
            },
        ],
        "documents": [
            "Formulaire de demande MDPH",
            "Certificat médical récent",
            "Pièce d’identité ou titre de séjour",
            "Justificatif de domicile",
            "Comptes rendus médicaux utiles",
        ],
        "cost": "Gratuit",
        "delay": "Souvent plusieurs mois selon les départements",
        "online_needs": (
            "Si votre MDPH propose le dépôt en ligne : une adresse e-mail et les pièces "
            "numérisées. Un compte sur caf.fr pour le suivi du versement."
        ),
        "agent_help": (
            "L’agent vous aide à remplir le formulaire, à numériser les pièces et à "
            "vérifier que le dossier est complet. Il peut faire le lien avec la MDPH ou la "
            "CAF, mais ne participe pas à la décision."
        ),
        "sources": [
            {"label": "Service-Public.fr", "url": "https://www.service-public.fr"},
            {"label": "CAF", "url": "https://www.caf.fr"},
        ],
        "related": ["complementaire-sante-solidaire", "aide-logement"],
    },
    {
        "slug": "conciliateur-justice",
        "title": "Faire appel à un conciliateur de justice",
        "intro": (
            "Un conflit avec un voisin, un propriétaire ou un commerçant ? Le conciliateur "
            "de justice aide à trouver un accord, gratuitement."
        ),
        "themes": ["justice-et-droits"],
        "audiences": ["particulier"],
        "partners": ["conciliateur", "justice"],
        "summary": (
            "Le conciliateur de justice est un bénévole qui aide deux parties à trouver une "
            "solution amiable. La démarche est gratuite et souvent plus rapide qu’un procès. "
            "Pour certains petits litiges, une tentative de règlement amiable est exigée "
            "avant de saisir le juge."
        ),
        "who": (
            "Les particuliers en désaccord avec une autre personne : voisinage, location, "
            "consommation, impayés. Il n’intervient pas dans les litiges avec "
            "l’administration."
        ),
        "steps": [
            {
                "title": "Trouver un conciliateur",
                "text": (
                    "Renseignez-vous en mairie, au tribunal ou en France Services : "
                    "des permanences existent près de chez vous."
                ),
                "link": "https://www.justice.fr",
                "link_label": "justice.fr",
            },
            {
                "title": "Prendre rendez-vous et présenter le litige",
                "text": (
                    "Expliquez la situation et apportez vos documents. Le conciliateur "
                    "convoque ensuite l’autre partie."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Signer un accord",
                "text": (
                    "En cas d’accord, un constat est signé. Il peut être rendu exécutoire "
                    "par le juge."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Pièce d’identité",
            "Courriers, contrats, factures ou photos liés au litige",
            "Coordonnées de l’autre partie",
        ],
        "cost": "Gratuit",
        "delay": "En général quelques semaines pour un premier rendez-vous",
        "online_needs": "Aucun compte nécessaire ; une adresse e-mail facilite les échanges.",
        "agent_help": (
            "L’agent vous explique le rôle du conciliateur et vous aide à le contacter. "
            "Il peut vous aider à rassembler les pièces, mais ne prend pas parti et ne "
            "tranche pas le litige."
        ),
        "sources": [{"label": "justice.fr", "url": "https://www.justice.fr"}],
        "related": ["aide-juridictionnelle", "logement-social"],
    },
    {
        "slug": "espace-professionnel-impots",
        "title": "Créer son espace professionnel sur impots.gouv.fr",
        "intro": (
            "Entreprise, micro-entrepreneur ou association : l’espace professionnel permet "
            "de déclarer et payer vos impôts professionnels en ligne."
        ),
        "themes": ["impots"],
        "audiences": ["professionnel"],
        "partners": ["dgfip"],
        "summary": (
            "L’espace professionnel regroupe vos démarches fiscales d’entreprise : "
            "déclarations, paiements, messagerie et avis. Sa création se fait en deux temps, "
            "avec un code d’activation envoyé par courrier."
        ),
        "who": (
            "Les entreprises et entrepreneurs qui ont un numéro SIREN, y compris les "
            "micro-entrepreneurs et certaines associations."
        ),
        "steps": [
            {
                "title": "Créer l’espace",
                "text": (
                    "Sur impots.gouv.fr, choisissez l’espace professionnel et indiquez votre "
                    "SIREN, votre adresse e-mail et vos coordonnées."
                ),
                "link": "https://www.impots.gouv.fr",
                "link_label": "impots.gouv.fr",
            },
            {
                "title": "Activer avec le code reçu",
                "text": (
                    "Un code d’activation est envoyé par courrier à l’adresse de "
                    "l’entreprise. Saisissez-le dans le délai indiqué."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Adhérer aux services en ligne",
                "text": (
                    "Activez la messagerie sécurisée, le paiement en ligne et les services "
                    "de déclaration utiles à votre activité."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Numéro SIREN ou SIRET",
            "Adresse e-mail professionnelle",
            "RIB du compte professionnel pour les paiements",
        ],
        "cost": "Gratuit",
        "delay": "Code d’activation reçu en général sous quelques jours",
        "online_needs": (
            "Une adresse e-mail dédiée à l’activité et l’accès au courrier reçu à "
            "l’adresse de l’entreprise."
        ),
        "agent_help": (
            "L’agent vous guide dans la création de l’espace et l’activation des services. "
            "Il peut vous orienter vers le service des impôts des entreprises, qui reste "
            "votre interlocuteur pour les questions fiscales."
        ),
        "sources": [{"label": "impots.gouv.fr", "url": "https://www.impots.gouv.fr"}],
        "related": ["declaration-revenus", "compte-franceconnect"],
    },
    {
        "slug": "jeunes-mission-locale",
        "title": "Être accompagné par la mission locale (16-25 ans)",
        "intro": (
            "Entre 16 et 25 ans, la mission locale vous aide pour l’emploi, la formation, "
            "le logement, la santé et la mobilité."
        ),
        "themes": ["emploi"],
        "audiences": ["particulier"],
        "partners": ["mission-locale"],
        "summary": (
            "La mission locale accompagne les jeunes qui ne sont plus à l’école. "
            "Un conseiller vous suit dans votre projet et peut vous proposer le Contrat "
            "d’engagement jeune, avec une allocation qui dépend de vos ressources."
        ),
        "who": (
            "Les jeunes de 16 à 25 ans sortis du système scolaire, avec ou sans diplôme, "
            "qui cherchent un emploi, une formation ou une orientation."
        ),
        "steps": [
            {
                "title": "Trouver la mission locale de votre secteur",
                "text": (
                    "Chaque territoire est rattaché à une mission locale. Demandez ses "
                    "coordonnées en mairie ou en France Services."
                ),
                "link": "https://www.service-public.fr",
                "link_label": "Service-Public.fr",
            },
            {
                "title": "Prendre un premier rendez-vous",
                "text": (
                    "Présentez-vous ou appelez pour rencontrer un conseiller et faire le "
                    "point sur votre situation."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Construire votre parcours",
                "text": (
                    "Avec le conseiller, définissez vos objectifs : stage, formation, "
                    "emploi, aide au permis ou Contrat d’engagement jeune."
                ),
                "link": "https://www.francetravail.fr",
                "link_label": "France Travail",
            },
        ],
        "documents": [
            "Pièce d’identité ou titre de séjour",
            "Numéro de sécurité sociale",
            "CV si vous en avez un",
            "Derniers diplômes ou certificats",
        ],
        "cost": "Gratuit",
        "delay": "Premier rendez-vous en général sous quelques semaines",
        "online_needs": (
            "Une adresse e-mail et un téléphone pour être joint par votre conseiller."
        ),
        "agent_help": (
            "L’agent vous indique la mission locale la plus proche et peut vous aider à "
            "prendre rendez-vous ou à préparer votre CV. L’accompagnement est ensuite "
            "assuré par la mission locale."
        ),
        "sources": [{"label": "Service-Public.fr", "url": "https://www.service-public.fr"}],
        "related": ["inscription-france-travail", "adresse-email", "permis-de-conduire"],
    },
    {
        "slug": "retraite-reversion",
        "title": "Demander une pension de réversion",
        "intro": (
            "Après le décès de votre époux ou épouse, vous pouvez recevoir une partie de "
            "sa retraite : c’est la pension de réversion."
        ),
        "themes": ["retraite", "famille"],
        "audiences": ["particulier"],
        "partners": ["assurance-retraite"],
        "summary": (
            "La pension de réversion correspond à une partie de la retraite que percevait "
            "ou aurait pu percevoir la personne décédée. Elle n’est pas versée "
            "automatiquement : il faut la demander. Une seule demande en ligne couvre "
            "tous les régimes concernés."
        ),
        "who": (
            "Les veufs et veuves, ainsi que les ex-conjoints divorcés, sous conditions "
            "d’âge et parfois de ressources selon les régimes. Le PACS et le concubinage "
            "n’y donnent pas droit."
        ),
        "steps": [
            {
                "title": "Vérifier les conditions",
                "text": (
                    "Les conditions d’âge et de ressources varient selon les régimes. "
                    "Renseignez-vous avant de déposer la demande."
                ),
                "link": "https://www.lassuranceretraite.fr",
                "link_label": "L’Assurance retraite",
            },
            {
                "title": "Faire la demande en ligne",
                "text": (
                    "Utilisez le service de demande de réversion en ligne, commun à "
                    "l’ensemble des régimes de retraite."
                ),
                "link": "https://www.info-retraite.fr",
                "link_label": "info-retraite.fr",
            },
            {
                "title": "Joindre les justificatifs",
                "text": (
                    "Ajoutez l’acte de décès, le livret de famille et vos justificatifs "
                    "de ressources si besoin."
                ),
                "link": "",
                "link_label": "",
            },
        ],
        "documents": [
            "Acte de décès",
            "Livret de famille ou acte de mariage",
            "Pièce d’identité",
            "Relevé d’identité bancaire (RIB)",
            "Justificatifs de ressources des trois derniers mois",
        ],
        "cost": "Gratuit",
        "delay": "En général quelques mois ; déposez la demande sans tarder",
        "online_needs": ("Une connexion FranceConnect et vos justificatifs numérisés."),
        "agent_help": (
            "L’agent vous accompagne avec bienveillance dans la demande en ligne et la "
            "numérisation des pièces. Il peut contacter la caisse de retraite pour suivre "
            "le dossier, mais ne décide pas du droit ni du montant."
        ),
        "sources": [
            {"label": "info-retraite.fr", "url": "https://www.info-retraite.fr"},
            {"label": "L’Assurance retraite", "url": "https://www.lassuranceretraite.fr"},
        ],
        "related": ["demande-retraite", "compte-franceconnect"],
    },
    {
        "slug": "remboursement-soins",
        "title": "Se faire rembourser ses soins",
        "intro": (
            "Carte Vitale, feuille de soins, médecin traitant : les bons réflexes pour être "
            "bien et vite remboursé par l’Assurance Maladie."
        ),
        "themes": ["sante"],
        "audiences": ["particulier"],
        "partners": ["assurance-maladie"],
        "summary": (
            "Avec la carte Vitale, le remboursement est rapide et se fait sans papier. "
            "Sans elle, vous envoyez une feuille de soins papier à votre caisse. "
            "Déclarer un médecin traitant permet d’être mieux remboursé."
        ),
        "who": "Toute personne assurée auprès de l’Assurance Maladie.",
        "steps": [
            {
                "title": "Présenter votre carte Vitale",
                "text": (
                    "Donnez-la à chaque consultation ou en pharmacie, en vérifiant qu’elle "
                    "est à jour."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Envoyer les feuilles de soins papier",
                "text": (
                    "Si le professionnel vous remet une feuille papier, signez-la et "
                    "envoyez-la à votre caisse d’assurance maladie."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Déclarer votre médecin traitant",
                "text": (
                    "Le médecin choisi fait la déclaration en ligne lors d’une consultation, "
                    "avec votre accord."
                ),
                "link": "",
                "link_label": "",
            },
            {
                "title": "Suivre vos remboursements",
                "text": "Consultez le détail de chaque remboursement dans votre compte ameli.",
                "link": "https://www.ameli.fr",
                "link_label": "Compte ameli",
            },
        ],
        "documents": [
            "Carte Vitale ou attestation de droits",
            "Feuilles de soins papier et ordonnances",
            "Relevé d’identité bancaire (RIB) enregistré auprès de votre caisse",
        ],
        "cost": "Gratuit",
        "delay": (
            "En général une semaine avec la carte Vitale, plus long avec une feuille papier"
        ),
        "online_needs": "Un compte ameli pour suivre vos paiements et télécharger vos relevés.",
        "agent_help": (
            "L’agent vous aide à lire vos relevés et à retrouver un remboursement manquant. "
            "Il peut vous aider à écrire à votre caisse via la messagerie du compte ameli. "
            "Le calcul des remboursements dépend de l’Assurance Maladie."
        ),
        "sources": [{"label": "ameli.fr", "url": "https://www.ameli.fr"}],
        "related": ["carte-vitale", "compte-ameli", "complementaire-sante-solidaire"],
    },
    {
        "slug": "declarer-naissance-caf",
        "title": "Déclarer une grossesse et une naissance à la CAF",
        "intro": (
            "Grossesse, naissance, adoption : prévenez la CAF pour ouvrir vos droits aux "
            "prestations de la petite enfance."
        ),
        "themes": ["famille"],
        "audiences": ["particulier"],
        "partners": ["caf", "assurance-maladie"],
        "summary": (
            "La déclaration de grossesse, faite en début de grossesse, est transmise à "
            "l’Assurance Maladie et à la CAF. À l’arrivée de l’enfant, vous le déclarez à "
            "la CAF. Selon vos ressources, vous pouvez recevoir des aides pour l’accueil "
            "de l’enfant."
        ),
        "who": "Les futurs parents et les parents qui accueillent un enfant par adoption.",
        "steps": [
            {
                "title": "Déclarer la grossesse",
                "text": (
                    "Le médecin ou la sage-femme déclare la grossesse en ligne avant la fin "
                    "du troisième mois, le plus souvent lors de la première échographie."
                ),
                "link": "https://www.ameli.fr",
                "link_label": "ameli.fr",
            },
            {
                "title": "Vérifier votre dossier CAF",
                "text": (
                    "Assurez-vous que vos coordonnées et ressources sont à jour dans votre "
                    "espace Mon Compte."
                ),
                "link": "https://www.caf.fr",
                "link_label": "Mon Compte sur caf.fr",
            },
            {
                "title": "Déclarer la naissance",
                "text": (
                    "Après la naissance, déclarez l’enfant dans la rubrique des changements "
                    "de situation de votre espace CAF."
                ),
                "link": "https://www.caf.fr",
                "link_label": "Site de la CAF",
            },
            {
                "title": "Rattacher l’enfant à l’Assurance Maladie",
                "text": (
                    "Faites inscrire l’enfant sur votre dossier d’assurance maladie pour "
                    "que ses soins soient remboursés."
                ),
                "link": "https://www.ameli.fr",
                "link_label": "Compte ameli",
            },
        ],
        "documents": [
            "Acte de naissance de l’enfant ou livret de famille",
            "Numéro d’allocataire",
            "Numéro de sécurité sociale des parents",
            "Jugement d’adoption le cas échéant",
        ],
        "cost": "Gratuit",
        "delay": "Déclarer la naissance dès que possible ; traitement en quelques semaines",
        "online_needs": "Un compte sur caf.fr et un compte ameli, ou FranceConnect.",
        "agent_help": (
            "L’agent vous aide à déclarer l’enfant en ligne, à numériser l’acte de "
            "naissance et à vérifier vos droits possibles. Les prestations sont décidées "
            "par la CAF."
        ),
        "sources": [
            {"label": "CAF", "url": "https://www.caf.fr"},
            {"label": "ameli.fr", "url": "https://www.ameli.fr"},
        ],
        "related": ["allocations-familiales", "compte-ameli", "carte-vitale"],
    },
]
