"""Danish words, names and phrases the demo generator combines into a caseload.

Kept apart from the generator so the wording can be reviewed (and improved) by people
who know the field without reading generator code. Everything here is fictitious;
the places are real-sounding Odense places, not claims about real services.
"""

from __future__ import annotations

from ..domain.enums import (
    HousingSituation,
    LifeArea,
    PlaceKind,
    ResponsibleParty,
    SocialChallenge,
    Topic,
)

# (name, kind, address, how a note says "at" the place)
PLACES: tuple[tuple[str, PlaceKind, str, str], ...] = (
    ("Kirkens Korshærs Varmestue", PlaceKind.DROP_IN_CENTRE, "Nørregade 12, 5000 Odense C",
     "på Kirkens Korshærs Varmestue"),
    ("Café Parasollen", PlaceKind.DROP_IN_CENTRE, "Vindegade 67, 5000 Odense C",
     "på Café Parasollen"),
    ("Mødestedet", PlaceKind.DROP_IN_CENTRE, "Sankt Jørgens Gade 27, 5000 Odense C",
     "på Mødestedet"),
    ("Værestedet Vesterbro", PlaceKind.DROP_IN_CENTRE, "Vesterbro 40, 5000 Odense C",
     "på Værestedet Vesterbro"),
    ("Reden Odense", PlaceKind.DROP_IN_CENTRE, "Overgade 45, 5000 Odense C", "på Reden"),
    ("Nattevarmestuen", PlaceKind.DROP_IN_CENTRE, "Nyborgvej 8, 5000 Odense C",
     "i Nattevarmestuen"),
    ("Hellestedet i Vollsmose", PlaceKind.DROP_IN_CENTRE, "Vollsmose Allé 16, 5240 Odense NØ",
     "på Hellestedet i Vollsmose"),
    ("Herberget Ådalen (§ 110)", PlaceKind.SHELTER, "Ådalsvej 3, 5260 Odense S",
     "på Herberget Ådalen"),
    ("Forsorgshjemmet Vestergården (§ 110)", PlaceKind.SHELTER, "Vestergårdsvej 21, 5000 Odense C",
     "på Forsorgshjemmet Vestergården"),
    ("Natherberget Sct. Hans", PlaceKind.SHELTER, "Sct. Hans Plads 2, 5000 Odense C",
     "på natherberget"),
    ("Banegårdspladsen", PlaceKind.STREET, "Østre Stationsvej, 5000 Odense C",
     "på Banegårdspladsen"),
    ("Kongens Have", PlaceKind.STREET, "Kongens Have, 5000 Odense C", "i Kongens Have"),
    ("Munke Mose", PlaceKind.STREET, "Munke Mose, 5000 Odense C", "ved Munke Mose"),
    ("Flakhaven", PlaceKind.STREET, "Flakhaven, 5000 Odense C", "på Flakhaven"),
    ("Hjemmebesøg", PlaceKind.HOME_VISIT, "", "i borgerens hjem"),
    ("Kontoret, Socialt Udsatte", PlaceKind.OFFICE, "Ørbækvej 100, 5220 Odense SØ",
     "på kontoret"),
)  # fmt: skip

COLLEAGUES: tuple[str, ...] = (
    "Anders Holm",
    "Sidsel Bak",
    "Karim Nasser",
    "Lise Dahl",
    "Ole Friis",
    "Hanne Kjær",
    "Bjarke Vinther",
    "Malene Thygesen",
    "Tobias Lind",
    "Pernille Skov",
    "Camilla Høj",
    "Rasmus Egholm",
    "Signe Mølgaard",
    "Mikkel Brandt",
    "Louise Winther",
    "Jakob Thorsen",
    "Nanna Lykke",
    "Emil Gade",
    "Ida Kragh",
)

MALE_OLDER = (
    "Jens", "Peter", "Michael", "Lars", "Henrik", "Søren", "Thomas", "Jan", "Niels", "Bent",
    "Kim", "Carsten", "Torben", "Jesper", "Flemming", "Erik", "Ole", "Hans", "Poul", "Kurt",
    "Bo", "John", "Allan", "René", "Brian", "Per", "Steen", "Finn", "Jørgen", "Leif",
)  # fmt: skip
MALE_YOUNG = (
    "Mads", "Mikkel", "Frederik", "Oliver", "Emil", "Lucas", "Mathias", "Jonas", "Rasmus",
    "Kasper", "Tobias", "Christoffer", "Nikolaj", "Sebastian", "Marcus", "Patrick", "Daniel",
)  # fmt: skip
FEMALE_OLDER = (
    "Anne", "Kirsten", "Hanne", "Mette", "Susanne", "Lone", "Pia", "Tina", "Helle", "Bente",
    "Lene", "Gitte", "Dorthe", "Karin", "Inge", "Jette", "Birgit", "Marianne", "Charlotte",
    "Camilla", "Louise", "Rikke",
)  # fmt: skip
FEMALE_YOUNG = (
    "Sofie", "Emma", "Ida", "Laura", "Julie", "Freja", "Sara", "Caroline", "Cecilie", "Maja",
    "Amalie", "Josefine", "Nanna", "Line", "Stine", "Sandra",
)  # fmt: skip
GREENLANDIC_MALE = ("Aputsiaq", "Malik", "Inuk", "Nuka", "Hans-Jørgen", "Minik")
GREENLANDIC_FEMALE = ("Naja", "Pipaluk", "Aviaja", "Nivi", "Arnaq", "Paninnguaq")
GREENLANDIC_SURNAMES = ("Lynge", "Kleist", "Berthelsen", "Heilmann", "Kreutzmann", "Petrussen")
SURNAMES = (
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen",
    "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen",
    "Mikkelsen", "Frederiksen", "Laursen", "Henriksen", "Lund", "Schmidt", "Eriksen", "Holm",
    "Kristiansen", "Clausen", "Simonsen", "Svendsen", "Andreasen", "Iversen", "Jeppesen",
    "Mogensen", "Vestergaard", "Nissen", "Lauridsen", "Kjær", "Dahl", "Bach", "Overgaard",
)  # fmt: skip

NICK_FROM_NAME = ("Store {first}", "Lille {first}", "Gamle {first}", "{first} Guitar",
                  "Røde {first}", "{first} Cykel", "Lange {first}")  # fmt: skip
NICK_MALE = ("Professoren", "Skipper", "Cowboy", "Bamse", "Tømreren", "Kaptajnen", "Viking",
             "Sømanden", "Smeden", "Doktoren", "Kongen", "Ulven", "Bjørnen", "Gnisten")  # fmt: skip
NICK_FEMALE = ("Tøsen", "Mor", "Prinsessen", "Søs", "Mormor", "Pippi", "Lilla", "Stjernen",
               "Tulle", "Kattemor")  # fmt: skip
NICK_ANY = ("Rasta", "Punkeren", "Fuglen", "Sokken", "Skøjten", "Hunden", "Bornholmeren",
            "Jyden", "Digteren", "Maleren")  # fmt: skip

HAIR = ("langt gråt skæg", "kortklippet hår", "rødt hår i hestehale", "skaldet", "lyse dreadlocks",
        "sort hue trukket ned", "gråt hår og briller", "blåt farvet hår")  # fmt: skip
CLOTHES = ("grøn militærjakke", "rød dunjakke", "sort læderjakke", "camouflagebukser",
           "slidt blå parka", "stor vinterfrakke", "FCK-halstørklæde",
           "rygsæk med mange mærker")  # fmt: skip
MARKS = ("Har altid hunden Bella med.", "Går med krykke.", "Tatovering på halsen.",
         "Sælger Hus Forbi ved Kvickly.", "Cykler med en fyldt trailer.",
         "Taler grønlandsk og dansk.", "Spiller mundharmonika.",
         "Sidder ofte på bænken ved springvandet.", "")  # fmt: skip

# Housing First spread: where the caseload lives today (weights sum to 100)
HOUSING_WEIGHTS: tuple[tuple[HousingSituation, int], ...] = (
    (HousingSituation.STREET_HOMELESS, 12),
    (HousingSituation.NIGHT_SHELTER, 8),
    (HousingSituation.SHELTER, 15),
    (HousingSituation.COUCH_SURFING, 12),
    (HousingSituation.TEMPORARY_HOUSING, 10),
    (HousingSituation.ALTERNATIVE_HOUSING, 8),
    (HousingSituation.OWN_HOME, 30),
    (HousingSituation.UNKNOWN, 5),
)
HOMELESS = frozenset(
    {
        HousingSituation.STREET_HOMELESS,
        HousingSituation.NIGHT_SHELTER,
        HousingSituation.SHELTER,
        HousingSituation.COUCH_SURFING,
    }
)
HOUSED = frozenset(
    {
        HousingSituation.OWN_HOME,
        HousingSituation.ALTERNATIVE_HOUSING,
        HousingSituation.TEMPORARY_HOUSING,
    }
)
CHALLENGE_WEIGHTS: tuple[tuple[SocialChallenge, int], ...] = (
    (SocialChallenge.ADDICTION_ALCOHOL, 30),
    (SocialChallenge.ADDICTION_DRUGS, 28),
    (SocialChallenge.MENTAL_ILLNESS, 30),
    (SocialChallenge.POVERTY, 25),
    (SocialChallenge.LONELINESS, 20),
    (SocialChallenge.POOR_HEALTH, 20),
    (SocialChallenge.CRIME, 8),
    (SocialChallenge.PROSTITUTION, 4),
    (SocialChallenge.DOMESTIC_VIOLENCE, 5),
)

# --- journal notes -----------------------------------------------------------------
# Placeholders: {who} (name or nickname), {Han}/{han}, {hans}, {ham}, {at} ("på Mødestedet").
OPENINGS = {
    "outreach": (
        "Mødt {at}.",
        "Opsøgende kontakt {at}.",
        "Traf {who} {at}.",
        "{who} kom hen til mig {at}.",
        "Kort kontakt med {who} {at}.",
    ),
    "agreed_meeting": (
        "Aftalt møde {at}.",
        "Møde med {who} {at} som aftalt.",
        "{who} mødte op til vores aftale {at}.",
    ),
    "phone": (
        "Telefonsamtale med {who}.",
        "{who} ringede.",
        "Ringede til {who} som aftalt.",
    ),
    "home_visit": (
        "Hjemmebesøg hos {who}.",
        "Besøg i {hans} lejlighed.",
        "Hjemmebesøg. {who} havde ryddet op og lavet kaffe.",
    ),
}
MOODS = (
    "{Han} virkede glad og var i godt humør.",
    "{Han} var træt og havde ikke sovet meget.",
    "God kontakt i dag.",
    "{Han} var afvisende i starten, men ville gerne tale efter lidt tid.",
    "{Han} var tydeligt presset og talte hurtigt.",
    "{Han} var rolig og fortalte selv om, hvordan det går.",
    "",
    "",
)
TOPIC_SENTENCES: dict[Topic, tuple[str, ...]] = {
    Topic.HOUSING: (  # for citizens with a home; see HOUSING_WITHOUT_HOME
        "Talte om huslejerestance. {Han} har fået brev om udsættelse og er bange for at miste "
        "lejligheden.",
        "{Han} er faldet godt til i lejligheden og har fået sat gardiner op.",
        "Talte om bolig. Naboerne har klaget over larm, og {han} vil gerne finde en løsning.",
        "{who} fortæller, at det går godt med at betale husleje, efter at den trækkes automatisk.",
    ),
    Topic.HEALTH: (
        "{Han} har ondt i en fod og har ikke været ved lægen. Vi talte om at bestille tid.",
        "{who} har været indlagt på OUH med lungebetændelse og er nu udskrevet.",
        "Talte om tandpine. {Han} har ikke været hos tandlægen i mange år.",
        "{Han} tager sin medicin nu og siger, at {han} sover bedre.",
        "{Han} har tabt sig og spiser ikke regelmæssigt. Vi talte om at spise med på værestedet.",
        "{Han} har et sår på benet, som sygeplejersken på værestedet har set på.",
    ),
    Topic.ADDICTION: (
        "Talte om kontakt til misbrugsbehandling. {Han} overvejer at starte i behandling.",
        "{who} fortæller, at {han} har drukket mindre den sidste uge.",
        "{Han} er i substitutionsbehandling og møder stabilt op til udlevering.",
        "{Han} var påvirket ved kontakten, så vi aftalte at tales ved en anden dag.",
        "{Han} har haft et tilbagefald efter en vens begravelse, men vil gerne i gang igen.",
        "{Han} har ikke brugt stoffer i tre uger og er stolt af det.",
    ),
    Topic.MENTAL_HEALTH: (
        "{Han} virkede urolig og fortalte om stemmer om natten.",
        "{who} har fået tid i distriktspsykiatrien, men er usikker på, om {han} vil komme afsted.",
        "Talte om angst. {Han} har svært ved at være, hvor der er mange mennesker.",
        "{Han} var mere rolig i dag og kunne bedre holde fokus i samtalen.",
        "{Han} fortalte, at {han} har haft nogle dårlige dage og har holdt sig inde.",
    ),
    Topic.ECONOMY: (
        "Talte om økonomi. {Han} har ikke fået kontanthjælpen udbetalt, fordi der mangler en "
        "kontooplysning.",
        "{Han} har gæld til Skat og ønsker hjælp til at få overblik.",
        "Vi gennemgik {hans} budget. Der er ca. 1.200 kr. tilbage til mad om måneden.",
        "{Han} har fået afslag på enkeltydelse og vil gerne klage.",
        "{Han} har lånt penge af venner og er bekymret for, hvordan {han} skal betale tilbage.",
    ),
    Topic.WORK_AND_EDUCATION: (
        "{who} vil gerne i gang med noget arbejde et par timer om ugen. Talte om "
        "socialøkonomiske virksomheder.",
        "Talte om job. {Han} er i ressourceforløb og har møde med jobcentret i næste uge.",
        "{Han} vil gerne tage 9. klasses eksamen på VUC.",
        "{Han} har fået skånejob i en genbrugsbutik og er glad for det.",
        "{Han} har været i praktik på et cykelværksted og vil gerne fortsætte.",
    ),
    Topic.NETWORK: (
        "{Han} har igen kontakt med sin søster og har været på besøg.",
        "Talte om {hans} børn. {Han} savner dem og vil gerne have samvær.",
        "{who} fortæller, at {han} føler sig ensom om aftenen.",
        "{Han} har fået en ny kæreste, som {han} har mødt på værestedet.",
        "{Han} er blevet uvenner med en af de andre på værestedet og holder sig lidt væk.",
    ),
    Topic.PRACTICAL_HELP: (
        "Hjalp med at bestille nyt sundhedskort.",
        "Hjalp {ham} med at komme på e-Boks og læse post fra kommunen.",
        "Hjalp med at udfylde ansøgning om boligstøtte.",
        "Gennemgik post fra kommunen sammen med {ham}.",
        "Hjalp med at oprette MitID, så {han} selv kan følge med i sin sag.",
    ),
    Topic.PLAN: (
        "Vi talte om {hans} plan og kiggede på målene sammen. {Han} synes, det går fremad.",
        "Opfølgning på planen. {Han} vil gerne have, at vi fokuserer på misbruget nu.",
        "Gennemgik samtykket til at dele oplysninger med misbrugscentret og lægen.",
        "Progressionsmåling sammen med {ham}. {Han} vurderer selv, at det går lidt bedre.",
    ),
    Topic.OTHER: (
        "{Han} ville mest snakke om fodbold og vejret i dag. God kontakt.",
        "Kort snak. {Han} havde travlt og skulle videre.",
        "{Han} havde sin hund med og fortalte, at hunden har været syg.",
        "{Han} spurgte til en af de andre brugere, som {han} ikke har set i et stykke tid.",
    ),
}
HOUSING_WITHOUT_HOME = (
    "Talte om bolig. {Han} står på venteliste hos boligselskabet og spurgte til, hvor "
    "{han} står på listen.",
    "{who} fortalte, at {han} har sovet på gaden de sidste nætter, og at det er blevet koldt.",
    "Vi talte om muligheden for en skæv bolig. {Han} er interesseret, men bekymret for naboerne.",
    "{Han} har fået tilbudt en lejlighed gennem den boligsociale anvisning og vil gerne se den.",
    "{Han} bor fortsat på herberget og er glad for personalet, men savner ro.",
    "{who} sover hos en ven på sofaen, men det kan kun fortsætte et par uger endnu.",
)

# what is agreed, by topic: (the agreement as written in the list, who is responsible)
AGREEMENTS: dict[Topic, tuple[tuple[str, ResponsibleParty], ...]] = {
    Topic.HOUSING: (
        ("Ringe til boligselskabet om ventelisten", ResponsibleParty.CASEWORKER),
        ("Søge om skæv bolig", ResponsibleParty.CASEWORKER),
        ("Følge med til fremvisning af lejligheden", ResponsibleParty.CASEWORKER),
        ("Kontakte herberget om en plads", ResponsibleParty.CASEWORKER),
        ("Tage kontakt til boligselskabet om huslejen", ResponsibleParty.CITIZEN),
    ),
    Topic.HEALTH: (
        ("Bestille tid hos lægen", ResponsibleParty.CASEWORKER),
        ("Følge med til tandlægen", ResponsibleParty.CASEWORKER),
        ("Hente medicin på apoteket", ResponsibleParty.CITIZEN),
        ("Få sygeplejersken på værestedet til at se på såret", ResponsibleParty.DROP_IN_CENTRE),
    ),
    Topic.ADDICTION: (
        ("Kontakte misbrugscentret om opstart af behandling", ResponsibleParty.CASEWORKER),
        ("Følge med til første samtale i misbrugsbehandlingen", ResponsibleParty.CASEWORKER),
        ("Tale med lægen om nedtrapning", ResponsibleParty.CITIZEN),
    ),
    Topic.MENTAL_HEALTH: (
        ("Kontakte distriktspsykiatrien", ResponsibleParty.CASEWORKER),
        ("Følge med til samtale i psykiatrien", ResponsibleParty.CASEWORKER),
    ),
    Topic.ECONOMY: (
        ("Søge om enkeltydelse til tandbehandling", ResponsibleParty.CASEWORKER),
        ("Kontakte Ydelsesservice om udbetalingen", ResponsibleParty.CASEWORKER),
        ("Lave en aftale med Skat om afdrag", ResponsibleParty.CASEWORKER),
        ("Hjælpe med klage over afslag på enkeltydelse", ResponsibleParty.CASEWORKER),
    ),
    Topic.WORK_AND_EDUCATION: (
        ("Bestille tid hos jobcentret", ResponsibleParty.CASEWORKER),
        ("Undersøge praktik i socialøkonomisk virksomhed", ResponsibleParty.JOB_CENTRE),
        ("Kontakte VUC om opstart", ResponsibleParty.CITIZEN),
    ),
    Topic.NETWORK: (
        ("Hjælpe med ansøgning om samvær med børnene", ResponsibleParty.CASEWORKER),
        ("Ringe til søsteren sammen med borgeren", ResponsibleParty.CASEWORKER),
        ("Finde en besøgsven via Røde Kors", ResponsibleParty.VOLUNTEER_ORGANISATION),
    ),
    Topic.PRACTICAL_HELP: (
        ("Bestille nyt sundhedskort", ResponsibleParty.CASEWORKER),
        ("Tage med på Borgerservice efter pas", ResponsibleParty.CASEWORKER),
        ("Hjælpe med at oprette MitID", ResponsibleParty.CASEWORKER),
    ),
    Topic.PLAN: (
        ("Holde opfølgningsmøde om planen", ResponsibleParty.CASEWORKER),
        ("Invitere misbrugscentret og bostøtten til netværksmøde", ResponsibleParty.CASEWORKER),
    ),
    Topic.OTHER: (("Mødes igen på værestedet i næste uge", ResponsibleParty.CASEWORKER),),
}
CLOSINGS = (
    "Næste kontakt {at} i næste uge.",
    "{Han} ved, hvor {han} kan finde mig.",
    "",
    "",
    "",
)
ADDENDA = (
    "Tillæg: {Han} har efterfølgende oplyst, at aftalen med lægen er flyttet.",
    "Tillæg: Rettelse – samtalen fandt sted om formiddagen, ikke om eftermiddagen.",
    "Tillæg: Boligselskabet har ringet tilbage. {Han} er rykket op på ventelisten.",
    "Tillæg: Misbrugscentret bekræfter, at {han} er startet i behandling.",
    "Tillæg: Der blev også talt om {hans} økonomi; det var udeladt i notatet.",
)

# topics that fit a citizen's challenges best
CHALLENGE_TOPICS: dict[SocialChallenge, tuple[Topic, ...]] = {
    SocialChallenge.HOMELESSNESS: (Topic.HOUSING,),
    SocialChallenge.ADDICTION_ALCOHOL: (Topic.ADDICTION, Topic.HEALTH),
    SocialChallenge.ADDICTION_DRUGS: (Topic.ADDICTION, Topic.HEALTH),
    SocialChallenge.PROSTITUTION: (Topic.HEALTH, Topic.ECONOMY),
    SocialChallenge.MENTAL_ILLNESS: (Topic.MENTAL_HEALTH,),
    SocialChallenge.POVERTY: (Topic.ECONOMY, Topic.PRACTICAL_HELP),
    SocialChallenge.CRIME: (Topic.ECONOMY, Topic.NETWORK),
    SocialChallenge.LONELINESS: (Topic.NETWORK,),
    SocialChallenge.DOMESTIC_VIOLENCE: (Topic.NETWORK, Topic.HOUSING),
    SocialChallenge.POOR_HEALTH: (Topic.HEALTH,),
}

# --- plans ----------------------------------------------------------------------------
WISHES = (
    "Jeg vil have min egen lejlighed og se mine børn igen.",
    "Jeg vil bare have ro og et sted, hvor jeg kan låse døren.",
    "Jeg vil gerne være stoffri og have et arbejde, hvor folk kender mit navn.",
    "Jeg vil have styr på min økonomi, så jeg ikke skal låne penge hver måned.",
    "Jeg vil gerne have en hverdag med noget at stå op til.",
    "Jeg vil ikke sove på gaden en vinter mere.",
    "Jeg vil gerne have det bedre med mig selv og drikke mindre.",
    "Jeg drømmer om en lille lejlighed med altan og plads til min hund.",
    "Jeg vil have min datter til at besøge mig igen.",
    "Jeg vil have et almindeligt liv. Ikke noget fancy.",
    "Jeg vil blive boende i min lejlighed og have nogen at snakke med.",
    "Jeg vil væk fra miljøet og starte forfra.",
)
YOUTH_WISHES = (
    "Jeg vil gerne tage min eksamen og flytte i egen bolig.",
    "Jeg vil have et job og min egen lejlighed, før jeg bliver 25.",
    "Jeg vil gerne i gang med en uddannelse og vise, at jeg kan.",
    "Jeg vil ud af hashen og have nogle venner, der ikke ryger.",
)
GOALS: dict[LifeArea, tuple[str, ...]] = {
    LifeArea.HOUSING: (
        "Jeg vil have min egen lejlighed.",
        "Jeg vil kunne betale min husleje hver måned.",
        "Jeg vil bo et sted, hvor der er ro om natten.",
        "Jeg vil blive boende i min lejlighed.",
    ),
    LifeArea.HEALTH: (
        "Jeg vil gå til lægen, når jeg er syg.",
        "Jeg vil have ordnet mine tænder.",
        "Jeg vil spise et varmt måltid hver dag.",
        "Jeg vil sove bedre om natten.",
    ),
    LifeArea.ADDICTION: (
        "Jeg vil drikke mindre, så jeg kan klare dagen.",
        "Jeg vil starte i behandling og holde fast i det.",
        "Jeg vil være stoffri.",
        "Jeg vil stoppe med at ryge hash om morgenen.",
    ),
    LifeArea.MENTAL_HEALTH: (
        "Jeg vil have hjælp til mine tanker, så jeg kan være sammen med andre.",
        "Jeg vil tage min medicin hver dag.",
        "Jeg vil have færre dårlige dage.",
    ),
    LifeArea.WORK_AND_EDUCATION: (
        "Jeg vil arbejde et par timer om ugen.",
        "Jeg vil tage min 9. klasses eksamen.",
        "Jeg vil have et fleksjob.",
    ),
    LifeArea.ECONOMY: (
        "Jeg vil have overblik over min gæld.",
        "Jeg vil have penge til mad hele måneden.",
        "Jeg vil have en bankkonto, der virker.",
    ),
    LifeArea.NETWORK_AND_RELATIONS: (
        "Jeg vil se mine børn igen.",
        "Jeg vil have kontakt med min familie.",
        "Jeg vil have en ven, jeg kan ringe til.",
    ),
    LifeArea.DAILY_LIFE: (
        "Jeg vil selv kunne åbne og læse min post.",
        "Jeg vil kunne holde styr på mine aftaler.",
        "Jeg vil gøre rent i lejligheden hver uge.",
    ),
    LifeArea.LEISURE: (
        "Jeg vil spille fodbold igen.",
        "Jeg vil med på sommerturen med værestedet.",
        "Jeg vil gå ture med min hund hver dag.",
    ),
}
SUB_GOALS: dict[LifeArea, tuple[str, ...]] = {
    LifeArea.HOUSING: (
        "Jeg vil skrive mig op hos et boligselskab.",
        "Jeg vil spare op til indskuddet.",
    ),
    LifeArea.ADDICTION: (
        "Jeg vil møde op til første samtale i misbrugsbehandlingen.",
        "Jeg vil ikke drikke før klokken 12.",
    ),
    LifeArea.ECONOMY: ("Jeg vil have lavet et budget sammen med min sagsbehandler.",),
}
EFFORTS: dict[LifeArea, tuple[tuple[str, ResponsibleParty, str], ...]] = {
    LifeArea.HOUSING: (
        ("Bostøtte efter Housing First (CTI) i 9 måneder", ResponsibleParty.CASEWORKER,
         "SEL § 85"),
        ("Opskrivning og boligsocial anvisning", ResponsibleParty.HOUSING_ASSOCIATION, ""),
        ("Midlertidigt ophold på herberg", ResponsibleParty.OTHER, "SEL § 110"),
        ("Hjælp til indflytning og møbler", ResponsibleParty.VOLUNTEER_ORGANISATION, ""),
    ),
    LifeArea.HEALTH: (
        ("Lægetjek og gennemgang af medicin", ResponsibleParty.GP, ""),
        ("Tandbehandling via tandklinikken for socialt udsatte", ResponsibleParty.OTHER, ""),
        ("Sygeplejerske på værestedet en gang om ugen", ResponsibleParty.DROP_IN_CENTRE, ""),
    ),
    LifeArea.ADDICTION: (
        ("Ambulant stofmisbrugsbehandling", ResponsibleParty.ADDICTION_TREATMENT, "SEL § 101"),
        ("Alkoholbehandling", ResponsibleParty.ADDICTION_TREATMENT, "SUL § 141"),
        ("Substitutionsbehandling med metadon", ResponsibleParty.ADDICTION_TREATMENT,
         "SEL § 101"),
    ),
    LifeArea.MENTAL_HEALTH: (
        ("Udredning og behandling i distriktspsykiatrien", ResponsibleParty.REGIONAL_PSYCHIATRY,
         ""),
        ("Støtte- og kontaktperson (SKP)", ResponsibleParty.CASEWORKER, "SEL § 99"),
    ),
    LifeArea.WORK_AND_EDUCATION: (
        ("Ressourceforløb med virksomhedspraktik", ResponsibleParty.JOB_CENTRE, ""),
        ("Skånejob i socialøkonomisk virksomhed", ResponsibleParty.JOB_CENTRE, ""),
    ),
    LifeArea.ECONOMY: (
        ("Gældsrådgivning", ResponsibleParty.VOLUNTEER_ORGANISATION, ""),
        ("Budget og hjælp til betalingsaftaler", ResponsibleParty.CASEWORKER, ""),
    ),
    LifeArea.NETWORK_AND_RELATIONS: (
        ("Netværksmøde med familien", ResponsibleParty.CASEWORKER, ""),
        ("Besøgsven", ResponsibleParty.VOLUNTEER_ORGANISATION, ""),
    ),
    LifeArea.DAILY_LIFE: (
        ("Socialpædagogisk støtte i hjemmet to gange om ugen", ResponsibleParty.CASEWORKER,
         "SEL § 85"),
        ("Hjælp til at åbne post og holde aftaler", ResponsibleParty.DROP_IN_CENTRE, ""),
    ),
    LifeArea.LEISURE: (
        ("Gadeidræt hver tirsdag", ResponsibleParty.VOLUNTEER_ORGANISATION, ""),
        ("Plads på værestedets sommertur", ResponsibleParty.DROP_IN_CENTRE, ""),
    ),
}  # fmt: skip
WHOLE_PLAN_EFFORTS: tuple[tuple[str, ResponsibleParty, str], ...] = (
    ("Handleplan efter serviceloven", ResponsibleParty.CASEWORKER, "SEL § 141"),
    ("Møde op til aftaler og sige til, hvis det ikke går", ResponsibleParty.CITIZEN, ""),
    ("Samarbejde med Kriminalforsorgen om tiden efter løsladelse",
     ResponsibleParty.PRISON_AND_PROBATION, ""),
)  # fmt: skip
CHALLENGE_AREAS: dict[SocialChallenge, LifeArea] = {
    SocialChallenge.HOMELESSNESS: LifeArea.HOUSING,
    SocialChallenge.ADDICTION_ALCOHOL: LifeArea.ADDICTION,
    SocialChallenge.ADDICTION_DRUGS: LifeArea.ADDICTION,
    SocialChallenge.PROSTITUTION: LifeArea.ECONOMY,
    SocialChallenge.MENTAL_ILLNESS: LifeArea.MENTAL_HEALTH,
    SocialChallenge.POVERTY: LifeArea.ECONOMY,
    SocialChallenge.CRIME: LifeArea.DAILY_LIFE,
    SocialChallenge.LONELINESS: LifeArea.NETWORK_AND_RELATIONS,
    SocialChallenge.DOMESTIC_VIOLENCE: LifeArea.NETWORK_AND_RELATIONS,
    SocialChallenge.POOR_HEALTH: LifeArea.HEALTH,
}
RATING_COMMENTS = (
    "Det går bedre end sidst.",
    "Har haft en hård måned.",
    "Er kommet et skridt nærmere.",
    "Samme som sidst.",
    "",
    "",
    "",
)
CONSENT_SCOPES = (
    "Oplysninger om bolig, misbrug og helbred, der er nødvendige for planen",
    "Oplysninger om behandling og fremmøde i misbrugsbehandlingen",
    "Oplysninger om økonomi og boligsituation til boligselskabet",
    "Oplysninger fra lægen og psykiatrien om behandling og medicin",
)
