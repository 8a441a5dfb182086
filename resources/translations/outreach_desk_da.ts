<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="da">
<context>
    <name>AgreementRow</name>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="108"/>
        <source>What was agreed</source>
        <translation>Hvad blev aftalt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="109"/>
        <source>Agreement</source>
        <translation>Aftale</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="110"/>
        <source>Agreement due date</source>
        <translation>Aftalens frist</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="111"/>
        <source>Due date (Delete clears it)</source>
        <translation>Frist (Delete rydder den)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="112"/>
        <source>Who is responsible for the agreement</source>
        <translation>Hvem er ansvarlig for aftalen</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="113"/>
        <source>Remove</source>
        <translation>Fjern</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="114"/>
        <source>Remove agreement</source>
        <translation>Fjern aftale</translation>
    </message>
</context>
<context>
    <name>AnonymousDialog</name>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="139"/>
        <source>New anonymous contact</source>
        <translation>Ny anonym kontakt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="141"/>
        <source>Nickname</source>
        <translation>Kaldenavn</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="143"/>
        <source>How to recognise the citizen</source>
        <translation>Hvordan borgeren kendes</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="144"/>
        <source>e.g. red jacket, has a dog</source>
        <translation>fx rød jakke, har en hund</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="151"/>
        <source>Add</source>
        <translation>Tilføj</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="155"/>
        <source>The record can be linked to a CPR number later.</source>
        <translation>Registreringen kan knyttes til et CPR-nummer senere.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="158"/>
        <source>&amp;Nickname</source>
        <translation>&amp;Kaldenavn</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="159"/>
        <source>&amp;Recognised by</source>
        <translation>&amp;Kendes på</translation>
    </message>
</context>
<context>
    <name>CaseloadModel</name>
    <message>
        <location filename="../../outreach_desk/ui/caseload_model.py" line="196"/>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_model.py" line="197"/>
        <source>Nickname</source>
        <translation>Kaldenavn</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_model.py" line="198"/>
        <source>Age</source>
        <translation>Alder</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_model.py" line="199"/>
        <source>Housing</source>
        <translation>Boligsituation</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_model.py" line="200"/>
        <source>Last contact</source>
        <translation>Seneste kontakt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_model.py" line="201"/>
        <source>Next follow-up</source>
        <translation>Næste opfølgning</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_model.py" line="227"/>
        <source>Anonymous contact</source>
        <translation>Anonym kontakt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_model.py" line="244"/>
        <source>(anonymous) %1</source>
        <translation>(anonym) %1</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_model.py" line="255"/>
        <source>never</source>
        <translation>aldrig</translation>
    </message>
</context>
<context>
    <name>CaseloadPanel</name>
    <message>
        <location filename="../../outreach_desk/ui/caseload_panel.py" line="97"/>
        <source>Search name, nickname, CPR or place… (Ctrl+F)</source>
        <translation>Søg på navn, kaldenavn, CPR eller sted … (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_panel.py" line="98"/>
        <source>Search citizens</source>
        <translation>Søg borgere</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_panel.py" line="100"/>
        <source>Mine</source>
        <translation>Mine</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_panel.py" line="100"/>
        <source>Citizens I coordinate</source>
        <translation>Borgere, jeg er koordinerende sagsbehandler for</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_panel.py" line="101"/>
        <source>At place</source>
        <translation>På stedet</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_panel.py" line="101"/>
        <source>Met at the chosen place</source>
        <translation>Mødt på det valgte sted</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_panel.py" line="103"/>
        <source>Follow-up due</source>
        <translation>Opfølgning forfalden</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_panel.py" line="104"/>
        <source>A follow-up is due within a week or overdue</source>
        <translation>En opfølgning forfalder inden for en uge eller er overskredet</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_panel.py" line="107"/>
        <source>No contact 30+ days</source>
        <translation>Ingen kontakt i 30+ dage</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_panel.py" line="108"/>
        <source>No contact for 30 days or more</source>
        <translation>Ingen kontakt i 30 dage eller mere</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_panel.py" line="110"/>
        <source>Youth 18–30</source>
        <translation>Unge 18–30</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_panel.py" line="110"/>
        <source>Young people aged 18 to 30</source>
        <translation>Unge mellem 18 og 30 år</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_panel.py" line="111"/>
        <source>Anonymous</source>
        <translation>Anonyme</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_panel.py" line="111"/>
        <source>Anonymous contacts</source>
        <translation>Anonyme kontakter</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_panel.py" line="117"/>
        <source>&amp;Place:</source>
        <translation>&amp;Sted:</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_panel.py" line="118"/>
        <source>Place for the &apos;at place&apos; filter</source>
        <translation>Sted til filteret &apos;på stedet&apos;</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/caseload_panel.py" line="119"/>
        <source>Caseload</source>
        <translation>Borgere</translation>
    </message>
    <message numerus="yes">
        <location filename="../../outreach_desk/ui/caseload_panel.py" line="151"/>
        <source>%Ln citizen(s)</source>
        <translation>
            <numerusform>%Ln borger</numerusform>
            <numerusform>%Ln borgere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CitizenEditor</name>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="105"/>
        <source>Edit citizen</source>
        <translation>Ret borger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="109"/>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="111"/>
        <source>Nickname</source>
        <translation>Kaldenavn</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="113"/>
        <source>DDMMYY-SSSS</source>
        <translation>DDMMÅÅ-SSSS</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="114"/>
        <source>CPR number</source>
        <translation>CPR-nummer</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="119"/>
        <source>Birth year</source>
        <translation>Fødselsår</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="121"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="125"/>
        <source>Housing situation</source>
        <translation>Boligsituation</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="136"/>
        <source>Coordinating caseworker</source>
        <translation>Koordinerende sagsbehandler</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="138"/>
        <source>Usual places</source>
        <translation>Steder borgeren plejer at være</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="155"/>
        <source>&amp;Name</source>
        <translation>&amp;Navn</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="156"/>
        <source>Nic&amp;kname</source>
        <translation>&amp;Kaldenavn</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="157"/>
        <source>&amp;CPR number</source>
        <translation>&amp;CPR-nummer</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="158"/>
        <source>&amp;Birth year</source>
        <translation>&amp;Fødselsår</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="159"/>
        <source>&amp;Phone</source>
        <translation>&amp;Telefon</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="160"/>
        <source>&amp;Housing situation</source>
        <translation>&amp;Boligsituation</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="161"/>
        <source>Social challenges</source>
        <translation>Sociale udfordringer</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="162"/>
        <source>C&amp;oordinating caseworker</source>
        <translation>K&amp;oordinerende sagsbehandler</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="163"/>
        <source>&amp;Usual places</source>
        <translation>&amp;Plejer at være</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="174"/>
        <source>Anonymous contact. Writing a CPR number identifies the citizen.</source>
        <translation>Anonym kontakt. Når du skriver et CPR-nummer, bliver borgeren identificeret.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="224"/>
        <source>Could not save. Nothing was changed.</source>
        <translation>Kunne ikke gemme. Intet blev ændret.</translation>
    </message>
</context>
<context>
    <name>CitizenView</name>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="246"/>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="504"/>
        <source>Citizen</source>
        <translation>Borger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="396"/>
        <source>Loading…</source>
        <translation>Henter…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="412"/>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="542"/>
        <source>No citizen chosen</source>
        <translation>Ingen borger valgt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="468"/>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="469"/>
        <source>Nickname</source>
        <translation>Kaldenavn</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="470"/>
        <source>CPR number</source>
        <translation>CPR-nummer</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="471"/>
        <source>Age</source>
        <translation>Alder</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="472"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="473"/>
        <source>Housing situation</source>
        <translation>Boligsituation</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="474"/>
        <source>Social challenges</source>
        <translation>Sociale udfordringer</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="475"/>
        <source>Coordinating caseworker</source>
        <translation>Koordinerende sagsbehandler</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="476"/>
        <source>Usually met at</source>
        <translation>Mødes normalt på</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="477"/>
        <source>Next follow-up</source>
        <translation>Næste opfølgning</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="478"/>
        <source>Consents</source>
        <translation>Samtykker</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="483"/>
        <source>Show</source>
        <translation>Vis</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="484"/>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="485"/>
        <source>Show the full CPR number</source>
        <translation>Vis hele CPR-nummeret</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="486"/>
        <source>&amp;Edit details…</source>
        <translation>&amp;Ret oplysninger…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="487"/>
        <source>Edit the citizen&apos;s details</source>
        <translation>Ret borgerens oplysninger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="488"/>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="491"/>
        <source>Record contact</source>
        <translation>Registrér kontakt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="490"/>
        <source>Record a contact with this citizen (Ctrl+N)</source>
        <translation>Registrér en kontakt med borgeren (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="492"/>
        <source>Anonymous</source>
        <translation>Anonym</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="493"/>
        <source>Young (18–30)</source>
        <translation>Ung (18–30)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="496"/>
        <source>&amp;Overview</source>
        <translation>&amp;Overblik</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="497"/>
        <source>&amp;Plan</source>
        <translation>&amp;Plan</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="498"/>
        <source>Con&amp;tacts</source>
        <translation>&amp;Kontakter</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="499"/>
        <source>Pro&amp;gress</source>
        <translation>P&amp;rogression</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="500"/>
        <source>&amp;Access log</source>
        <translation>&amp;Log over opslag</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="507"/>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="524"/>
        <source>When</source>
        <translation>Hvornår</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="508"/>
        <source>Place</source>
        <translation>Sted</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="509"/>
        <source>Contact form</source>
        <translation>Kontaktform</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="510"/>
        <source>Topics</source>
        <translation>Emner</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="511"/>
        <source>Note</source>
        <translation>Notat</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="512"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="515"/>
        <source>Contacts, newest first</source>
        <translation>Kontakter, nyeste først</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="516"/>
        <source>The selected journal note</source>
        <translation>Det valgte journalnotat</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="517"/>
        <source>No contacts recorded yet.</source>
        <translation>Ingen kontakter registreret endnu.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="518"/>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="811"/>
        <source>Open &amp;note…</source>
        <translation>Åbn &amp;notat…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="519"/>
        <source>Open the selected note</source>
        <translation>Åbn det valgte notat</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="520"/>
        <source>Add a&amp;ddendum…</source>
        <translation>Tilføj t&amp;illæg…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="521"/>
        <source>Add an addendum to the selected note</source>
        <translation>Tilføj et tillæg til det valgte notat</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="525"/>
        <source>User</source>
        <translation>Bruger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="526"/>
        <source>Action</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="527"/>
        <source>What</source>
        <translation>Hvad</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="528"/>
        <source>Purpose</source>
        <translation>Formål</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="531"/>
        <source>Access log</source>
        <translation>Log over opslag</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="534"/>
        <source>Who looked at or changed this citizen&apos;s data on this laptop, when, and why. The citizen has the right to know the dates and purposes.</source>
        <translation>Hvem har set eller ændret borgerens oplysninger på denne computer, hvornår og med hvilket formål. Borgeren har ret til at kende datoer og formål.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="538"/>
        <source>Choose a citizen in the caseload to see their overview.</source>
        <translation>Vælg en borger i sagsstammen for at se overblikket.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="566"/>
        <source>The citizen could not be loaded.</source>
        <translation>Borgeren kunne ikke hentes.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="583"/>
        <source>%1 years</source>
        <translation>%1 år</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="583"/>
        <source>Not known</source>
        <translation>Ukendt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="588"/>
        <source>None recorded</source>
        <translation>Ingen registreret</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="597"/>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="604"/>
        <source>None</source>
        <translation>Ingen</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="601"/>
        <source>(overdue)</source>
        <translation>(overskredet)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="619"/>
        <source>None (anonymous contact)</source>
        <translation>Intet (anonym kontakt)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="624"/>
        <source>withdrawn %1</source>
        <translation>tilbagekaldt %1</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="627"/>
        <source>valid until %1</source>
        <translation>gyldigt til %1</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="629"/>
        <source>valid, no expiry</source>
        <translation>gyldigt, udløber ikke</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="632"/>
        <source>EXPIRED %1</source>
        <translation>UDLØBET %1</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="634"/>
        <source>not yet valid</source>
        <translation>endnu ikke gyldigt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="635"/>
        <source>%1 — with %2; %3, given %4 — %5</source>
        <translation>%1 — med %2; %3, givet %4 — %5</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="653"/>
        <source>Final</source>
        <translation>Afsluttet</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="653"/>
        <source>Draft</source>
        <translation>Kladde</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="653"/>
        <source>late note</source>
        <translation>sent notat</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="699"/>
        <source>Addendum by %1: %2</source>
        <translation>Tillæg af %1: %2</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="702"/>
        <source>Addendum</source>
        <translation>Tillæg</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="783"/>
        <source>Contact %1 at %2 (%3), written %4 by %5</source>
        <translation>Kontakt %1 på %2 (%3), skrevet %4 af %5</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="791"/>
        <source>Late note: written more than 24 hours after the contact.</source>
        <translation>Sent notat: skrevet mere end 24 timer efter kontakten.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="794"/>
        <source>Agreements:</source>
        <translation>Aftaler:</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="801"/>
        <source>Addendum by %1, %2</source>
        <translation>Tillæg af %1, %2</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/citizen_view.py" line="811"/>
        <source>&amp;Continue draft…</source>
        <translation>&amp;Fortsæt kladde…</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="394"/>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="572"/>
        <source>Deleted on one laptop, changed on another</source>
        <translation>Slettet på én bærbar, ændret på en anden</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="396"/>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="406"/>
        <source>noticed %1</source>
        <translation>opdaget %1</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="400"/>
        <source>One person deleted this record while another changed it. It is kept on all devices until someone decides.</source>
        <translation>Én person slettede denne post, mens en anden ændrede den. Den beholdes på alle enheder, indtil nogen beslutter sig.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="409"/>
        <source>Two people changed this before either had synced. Choose which version is right, or write one that combines them.</source>
        <translation>To personer ændrede dette, før nogen af dem havde synkroniseret. Vælg den rigtige version, eller skriv en, der forener dem.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="448"/>
        <source>Prefilled with the other version; edit it to combine both.</source>
        <translation>Udfyldt med den anden version; ret den, så den forener begge.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="450"/>
        <source>This kind of value cannot be written by hand; keep one of the versions.</source>
        <translation>Denne slags værdi kan ikke skrives i hånden; behold en af versionerne.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="453"/>
        <source>Keep &amp;this laptop&apos;s version</source>
        <translation>Behold &amp;denne bærbares version</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="455"/>
        <source>Keep the &amp;other version</source>
        <translation>Behold den &amp;anden version</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="472"/>
        <source>The server&apos;s version</source>
        <translation>Serverens version</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="474"/>
        <source>This laptop&apos;s version</source>
        <translation>Denne bærbares version</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="475"/>
        <source>The other version</source>
        <translation>Den anden version</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="478"/>
        <source>someone</source>
        <translation>en ukendt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="480"/>
        <source>By %1 on this laptop</source>
        <translation>Af %1 på denne bærbare</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="480"/>
        <source>By %1</source>
        <translation>Af %1</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="491"/>
        <source>Deleted</source>
        <translation>Slettet</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="491"/>
        <source>Kept, with changes</source>
        <translation>Beholdt, med ændringer</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="493"/>
        <source>(empty)</source>
        <translation>(tom)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="495"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="495"/>
        <source>No</source>
        <translation>Nej</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="522"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="524"/>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="525"/>
        <source>Nickname</source>
        <translation>Kaldenavn</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="526"/>
        <source>CPR number</source>
        <translation>CPR-nummer</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="527"/>
        <source>Anonymous</source>
        <translation>Anonym</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="528"/>
        <source>Birth year</source>
        <translation>Fødselsår</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="529"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="530"/>
        <source>Housing situation</source>
        <translation>Boligsituation</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="531"/>
        <source>Social challenges</source>
        <translation>Sociale udfordringer</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="532"/>
        <source>Coordinating caseworker</source>
        <translation>Koordinerende sagsbehandler</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="533"/>
        <source>Usual places</source>
        <translation>Faste steder</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="534"/>
        <source>Description</source>
        <translation>Beskrivelse</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="535"/>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="536"/>
        <source>The citizen&apos;s wish</source>
        <translation>Borgerens ønske</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="537"/>
        <source>Follow-up date</source>
        <translation>Opfølgningsdato</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="538"/>
        <source>Consent</source>
        <translation>Samtykke</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="539"/>
        <source>Life area</source>
        <translation>Livsområde</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="540"/>
        <source>Goal in the citizen&apos;s words</source>
        <translation>Mål med borgerens egne ord</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="541"/>
        <source>Target date</source>
        <translation>Måldato</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="542"/>
        <source>Main goal</source>
        <translation>Overordnet mål</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="543"/>
        <source>Responsible</source>
        <translation>Ansvarlig</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="544"/>
        <source>Goal</source>
        <translation>Mål</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="545"/>
        <source>Legal basis</source>
        <translation>Lovgrundlag</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="546"/>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="547"/>
        <source>Due date</source>
        <translation>Frist</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="548"/>
        <source>Assigned to</source>
        <translation>Tildelt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="549"/>
        <source>Journal note</source>
        <translation>Journalnotat</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="550"/>
        <source>Done</source>
        <translation>Udført</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="551"/>
        <source>What may be shared</source>
        <translation>Hvad må deles</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="552"/>
        <source>Shared with</source>
        <translation>Deles med</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="553"/>
        <source>Given on</source>
        <translation>Givet den</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="554"/>
        <source>Given how</source>
        <translation>Givet hvordan</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="555"/>
        <source>Expires on</source>
        <translation>Udløber den</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="556"/>
        <source>Withdrawn on</source>
        <translation>Trukket tilbage den</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="557"/>
        <source>Kind of place</source>
        <translation>Type sted</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="558"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="559"/>
        <source>Note text</source>
        <translation>Notattekst</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="560"/>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="561"/>
        <source>Citizen&apos;s rating</source>
        <translation>Borgerens vurdering</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="562"/>
        <source>Support need</source>
        <translation>Støttebehov</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="563"/>
        <source>Rated on</source>
        <translation>Vurderet den</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="623"/>
        <source>Sending your decision to the server…</source>
        <translation>Sender din beslutning til serveren …</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="624"/>
        <source>Your decision was sent. The other laptops get it at their next sync.</source>
        <translation>Din beslutning er sendt. De andre bærbare får den ved deres næste synkronisering.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="625"/>
        <source>Someone has already decided this conflict.</source>
        <translation>Nogen har allerede afgjort denne konflikt.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="635"/>
        <source>Deciding needs a connection to the server. Nothing was changed; try again when the laptop is online.</source>
        <translation>Det kræver forbindelse til serveren at afgøre en konflikt. Intet blev ændret; prøv igen, når den bærbare er online.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="638"/>
        <source>The decision could not be sent. Nothing was changed.</source>
        <translation>Beslutningen kunne ikke sendes. Intet blev ændret.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="639"/>
        <source>The conflicts could not be read.</source>
        <translation>Konflikterne kunne ikke læses.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="640"/>
        <source>Write a whole number, or leave the field empty.</source>
        <translation>Skriv et helt tal, eller lad feltet være tomt.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="653"/>
        <source>Conflicts</source>
        <translation>Konflikter</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="656"/>
        <source>When two people change the same thing before syncing, both versions are kept and every device shows the server&apos;s version until someone decides.</source>
        <translation>Når to personer ændrer det samme før synkronisering, beholdes begge versioner, og alle enheder viser serverens version, indtil nogen afgør det.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="660"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Opdater</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="661"/>
        <source>Refresh the conflicts</source>
        <translation>Opdater konflikterne</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="664"/>
        <source>No conflicts to decide. When two people change the same thing before syncing, it shows here.</source>
        <translation>Ingen konflikter at afgøre. Når to personer ændrer det samme før synkronisering, vises det her.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="668"/>
        <source>Open conflicts</source>
        <translation>Åbne konflikter</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="669"/>
        <source>Before both changes</source>
        <translation>Før begge ændringer</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="670"/>
        <source>Shown on all devices for now</source>
        <translation>Vises på alle enheder indtil videre</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="671"/>
        <source>&amp;Merged value</source>
        <translation>Sa&amp;mlet værdi</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="672"/>
        <source>Merged value</source>
        <translation>Samlet værdi</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="673"/>
        <source>Keep the &amp;server&apos;s version</source>
        <translation>Behold &amp;serverens version</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="674"/>
        <source>Save merged &amp;value</source>
        <translation>Gem samlet &amp;værdi</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="675"/>
        <source>&amp;Keep the record</source>
        <translation>&amp;Behold posten</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/conflicts_view.py" line="676"/>
        <source>&amp;Delete the record</source>
        <translation>S&amp;let posten</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="1036"/>
        <source>Contact and journal note</source>
        <translation>Kontakt og journalnotat</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="1037"/>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="1038"/>
        <source>Close (a draft is saved first)</source>
        <translation>Luk (kladden gemmes først)</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="438"/>
        <source>%1 (new anonymous contact)</source>
        <translation>%1 (ny anonym kontakt)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="508"/>
        <source>Finalise journal note</source>
        <translation>Afslut journalnotat</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="510"/>
        <source>Finalise the journal note? It is then locked and cannot be edited any more. Corrections and additions can only be made as addenda.

Agreements become follow-ups.</source>
        <translation>Afslut journalnotatet? Det bliver derefter låst og kan ikke længere rettes. Rettelser og tilføjelser kan kun skrives som tillæg.

Aftaler bliver til opfølgninger.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="552"/>
        <source>&amp;Citizens present</source>
        <translation>&amp;Borgere til stede</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="553"/>
        <source>Find by name, nickname, CPR or place</source>
        <translation>Søg på navn, kaldenavn, CPR eller sted</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="554"/>
        <source>Find a citizen who was present</source>
        <translation>Find en borger, der var til stede</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="555"/>
        <source>Search results: press Enter to add</source>
        <translation>Søgeresultater: tryk Enter for at tilføje</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="556"/>
        <source>New &amp;anonymous contact…</source>
        <translation>Ny &amp;anonym kontakt…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="557"/>
        <source>New anonymous contact</source>
        <translation>Ny anonym kontakt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="558"/>
        <source>Citizens present</source>
        <translation>Borgere til stede</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="559"/>
        <source>Remove</source>
        <translation>Fjern</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="560"/>
        <source>Remove the selected citizen</source>
        <translation>Fjern den valgte borger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="561"/>
        <source>&amp;Place</source>
        <translation>&amp;Sted</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="562"/>
        <source>Place</source>
        <translation>Sted</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="563"/>
        <source>&amp;When</source>
        <translation>&amp;Hvornår</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="564"/>
        <source>Time of the contact</source>
        <translation>Kontaktens tidspunkt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="565"/>
        <source>Now</source>
        <translation>Nu</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="566"/>
        <source>Set the time of the contact to now</source>
        <translation>Sæt kontaktens tidspunkt til nu</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="567"/>
        <source>Late note: more than 24 hours after the contact</source>
        <translation>Sent notat: mere end 24 timer efter kontakten</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="568"/>
        <source>Con&amp;tact form</source>
        <translation>Kon&amp;taktform</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="569"/>
        <source>Contact form</source>
        <translation>Kontaktform</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="571"/>
        <source>Topics</source>
        <translation>Emner</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="574"/>
        <source>Topic: %1</source>
        <translation>Emne: %1</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="575"/>
        <source>&amp;Note</source>
        <translation>&amp;Notat</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="576"/>
        <source>Journal note text</source>
        <translation>Journalnotatets tekst</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="577"/>
        <source>What happened, what the citizen said, what we did</source>
        <translation>Hvad skete der, hvad sagde borgeren, hvad gjorde vi</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="578"/>
        <source>Agreements (become follow-ups)</source>
        <translation>Aftaler (bliver til opfølgninger)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="579"/>
        <source>No agreements.</source>
        <translation>Ingen aftaler.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="580"/>
        <source>Add a&amp;greement</source>
        <translation>Tilføj a&amp;ftale</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="581"/>
        <source>Add agreement</source>
        <translation>Tilføj aftale</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="584"/>
        <source>Addenda</source>
        <translation>Tillæg</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="585"/>
        <source>Correction or addition to the final note</source>
        <translation>Rettelse eller tilføjelse til det afsluttede notat</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="586"/>
        <source>Addendum text</source>
        <translation>Tillæggets tekst</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="587"/>
        <source>Add a&amp;ddendum</source>
        <translation>Tilføj t&amp;illæg</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="588"/>
        <source>Add addendum</source>
        <translation>Tilføj tillæg</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="589"/>
        <source>&amp;Save draft</source>
        <translation>&amp;Gem kladde</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="591"/>
        <source>Save draft (Ctrl+S). Drafts are also saved as you type.</source>
        <translation>Gem kladde (Ctrl+S). Kladder gemmes også, mens du skriver.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="593"/>
        <source>Save draft</source>
        <translation>Gem kladde</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="594"/>
        <source>&amp;Finalise…</source>
        <translation>&amp;Afslut…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="595"/>
        <source>Finalise and lock the journal note</source>
        <translation>Afslut og lås journalnotatet</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="596"/>
        <source>Finalise</source>
        <translation>Afslut</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="701"/>
        <source>The contact could not be opened.</source>
        <translation>Kontakten kunne ikke åbnes.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="800"/>
        <source>Could not save. What you typed is still here; try again in a moment.</source>
        <translation>Kunne ikke gemme. Det du har skrevet, er her stadig; prøv igen om lidt.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="831"/>
        <source>(no place)</source>
        <translation>(intet sted)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="859"/>
        <source>No citizen found. Add a new anonymous contact?</source>
        <translation>Ingen borger fundet. Tilføj en ny anonym kontakt?</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="945"/>
        <source>No addenda yet.</source>
        <translation>Ingen tillæg endnu.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="950"/>
        <source>Addendum by %1, %2</source>
        <translation>Tillæg af %1, %2</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="963"/>
        <source>Final – locked</source>
        <translation>Afsluttet – låst</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="963"/>
        <source>Draft</source>
        <translation>Kladde</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="966"/>
        <source>Saved %1</source>
        <translation>Gemt %1</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="969"/>
        <source>Not saved yet</source>
        <translation>Ikke gemt endnu</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="970"/>
        <source>Saved draft</source>
        <translation>Gemt kladde</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="971"/>
        <source>changes not saved yet</source>
        <translation>ændringer er ikke gemt endnu</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="972"/>
        <source>Saving…</source>
        <translation>Gemmer…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="974"/>
        <source>Not saved – see the message above</source>
        <translation>Ikke gemt – se beskeden ovenfor</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="975"/>
        <source>Not finalised – see the message above</source>
        <translation>Ikke afsluttet – se beskeden ovenfor</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/contact_form.py" line="976"/>
        <source>Finalised %1. Corrections go in an addendum.</source>
        <translation>Afsluttet %1. Rettelser skrives som tillæg.</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="38"/>
        <source>%1 of 10</source>
        <translation>%1 ud af 10</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="39"/>
        <source>(until %1)</source>
        <translation>(indtil %1)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="40"/>
        <source>(was %1)</source>
        <translation>(var %1)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="41"/>
        <source>Access log</source>
        <translation>Log over opslag</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="42"/>
        <source>Addenda</source>
        <translation>Tillæg</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="43"/>
        <source>Area of life</source>
        <translation>Livsområde</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="44"/>
        <source>By</source>
        <translation>Senest</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="45"/>
        <source>Caseworker</source>
        <translation>Sagsbehandler</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="46"/>
        <source>Citizen</source>
        <translation>Borger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="47"/>
        <source>Comment</source>
        <translation>Bemærkning</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="48"/>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="49"/>
        <source>Data</source>
        <translation>Oplysninger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="50"/>
        <source>Goal, in my words</source>
        <translation>Mål, med mine ord</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="51"/>
        <source>How it is going</source>
        <translation>Sådan går det</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="52"/>
        <source>I have agreed that information may be shared with</source>
        <translation>Jeg har givet samtykke til, at oplysninger må deles med</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="55"/>
        <source>It is your plan. Tell us if something should be different.</source>
        <translation>Det er din plan. Sig til, hvis noget skal være anderledes.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="58"/>
        <source>Lookups of your data recorded on this laptop: when, what was done, and why. Printed %1.</source>
        <translation>Opslag i dine oplysninger registreret på denne computer: hvornår, hvad der blev gjort, og hvorfor. Udskrevet %1.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="62"/>
        <source>Lookups of your data recorded on all devices: when, by whom, what was done, and why. Printed %1.</source>
        <translation>Opslag i dine oplysninger registreret på alle enheder: hvornår, af hvem, hvad der blev gjort, og hvorfor. Udskrevet %1.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="66"/>
        <source>This covers only this laptop: the lookups recorded on other devices could not be fetched from the server.</source>
        <translation>Dette dækker kun denne computer: opslagene registreret på andre enheder kunne ikke hentes fra serveren.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="70"/>
        <source>My caseworker</source>
        <translation>Min sagsbehandler</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="71"/>
        <source>My goals</source>
        <translation>Mine mål</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="72"/>
        <source>My plan</source>
        <translation>Min plan</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="73"/>
        <source>Place</source>
        <translation>Sted</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="74"/>
        <source>Printed %1</source>
        <translation>Udskrevet %1</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="75"/>
        <source>Purpose</source>
        <translation>Formål</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="76"/>
        <source>Review</source>
        <translation>Gennemgang</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="77"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="78"/>
        <source>There is no plan yet.</source>
        <translation>Der er ingen plan endnu.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="79"/>
        <source>We meet again</source>
        <translation>Vi ses igen</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="80"/>
        <source>What</source>
        <translation>Hvad</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="81"/>
        <source>What I wish for</source>
        <translation>Det ønsker jeg</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="82"/>
        <source>What we have agreed</source>
        <translation>Det har vi aftalt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="83"/>
        <source>When</source>
        <translation>Hvornår</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="84"/>
        <source>Who</source>
        <translation>Hvem</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="85"/>
        <source>Who does what</source>
        <translation>Hvem gør hvad</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="86"/>
        <source>Written</source>
        <translation>Skrevet</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="87"/>
        <source>Written late</source>
        <translation>Skrevet sent</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="88"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
</context>
<context>
    <name>EffectView</name>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="160"/>
        <source>All places</source>
        <translation>Alle steder</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="175"/>
        <source>Loading…</source>
        <translation>Indlæser…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="199"/>
        <source>Effect</source>
        <translation>Effekt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="201"/>
        <source>&amp;From</source>
        <translation>&amp;Fra</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="201"/>
        <source>&amp;To</source>
        <translation>&amp;Til</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="201"/>
        <source>&amp;Place</source>
        <translation>&amp;Sted</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="204"/>
        <source>Refresh</source>
        <translation>Opdater</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="205"/>
        <source>Export table (CSV)…</source>
        <translation>Eksporter tabel (CSV)…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="206"/>
        <source>The citizens&apos; own rating per life area (1–10)</source>
        <translation>Borgernes egen vurdering pr. livsområde (1–10)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="207"/>
        <source>Housing situation: start and end of the period</source>
        <translation>Boligsituation: periodens start og slutning</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="211"/>
        <source>From</source>
        <translation>Fra</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="211"/>
        <source>To</source>
        <translation>Til</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="211"/>
        <location filename="../../outreach_desk/ui/effect_view.py" line="225"/>
        <source>Citizens</source>
        <translation>Borgere</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="212"/>
        <source>Progress per life area</source>
        <translation>Progression pr. livsområde</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="213"/>
        <source>Moves between housing situations</source>
        <translation>Skift mellem boligsituationer</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="224"/>
        <source>Life area</source>
        <translation>Livsområde</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="226"/>
        <source>Ratings</source>
        <translation>Vurderinger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="227"/>
        <source>First rating (avg.)</source>
        <translation>Første vurdering (gns.)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="228"/>
        <source>Latest rating (avg.)</source>
        <translation>Seneste vurdering (gns.)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="229"/>
        <source>Improved</source>
        <translation>Forbedret</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="230"/>
        <source>Worse</source>
        <translation>Forværret</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="231"/>
        <source>Goals</source>
        <translation>Mål</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="232"/>
        <source>Achieved</source>
        <translation>Opnået</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="266"/>
        <source>The effect figures could not be loaded.</source>
        <translation>Effekttallene kunne ikke indlæses.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="274"/>
        <source>%1 citizens · %2 of %3 goals achieved · %4 moved into a home</source>
        <translation>%1 borgere · %2 af %3 mål opnået · %4 flyttet i bolig</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="307"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/effect_view.py" line="307"/>
        <source>End</source>
        <translation>Slut</translation>
    </message>
</context>
<context>
    <name>EffortDialog</name>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="196"/>
        <source>Edit effort</source>
        <translation>Ret indsats</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="196"/>
        <source>New effort</source>
        <translation>Ny indsats</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="200"/>
        <source>Description of the effort</source>
        <translation>Beskrivelse af indsatsen</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="204"/>
        <source>Responsible</source>
        <translation>Ansvarlig</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="209"/>
        <source>Legal basis</source>
        <translation>Lovgrundlag</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="211"/>
        <source>(the plan as a whole)</source>
        <translation>(planen som helhed)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="214"/>
        <source>Goal the effort supports</source>
        <translation>Mål som indsatsen støtter</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="216"/>
        <source>Due date</source>
        <translation>Frist</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="219"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="221"/>
        <source>&amp;Effort</source>
        <translation>&amp;Indsats</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="223"/>
        <source>&amp;Responsible</source>
        <translation>&amp;Ansvarlig</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="224"/>
        <source>&amp;Legal basis</source>
        <translation>&amp;Lovgrundlag</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="226"/>
        <source>Supports &amp;goal</source>
        <translation>Støtter &amp;mål</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="227"/>
        <source>&amp;Due date</source>
        <translation>&amp;Frist</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="228"/>
        <source>&amp;Status</source>
        <translation>&amp;Status</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="335"/>
        <source>Write the server address IT gave you.</source>
        <translation>Skriv den serveradresse, du har fået af IT.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="338"/>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="376"/>
        <source>The address must start with https://. Plain http is only allowed to this computer itself.</source>
        <translation>Adressen skal begynde med https://. Almindelig http er kun tilladt til denne computer selv.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="342"/>
        <source>The server address is not valid. It looks like https://sync.example.dk.</source>
        <translation>Serveradressen er ikke gyldig. Den ser ud som https://sync.example.dk.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="346"/>
        <source>The enrolment code has 10 letters and digits, for example ABCDE-23456. Small letters, spaces and dashes are fine.</source>
        <translation>Tilmeldingskoden har 10 bogstaver og tal, fx ABCDE-23456. Små bogstaver, mellemrum og bindestreger er i orden.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="351"/>
        <source>The enrolment code has expired. Ask IT for a new code.</source>
        <translation>Tilmeldingskoden er udløbet. Bed IT om en ny kode.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="353"/>
        <source>The enrolment code has already been used. Ask IT for a new code.</source>
        <translation>Tilmeldingskoden er allerede brugt. Bed IT om en ny kode.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="356"/>
        <source>The server does not know this enrolment code. Check each character against the code from IT (0 and O, 1 and I are not used).</source>
        <translation>Serveren kender ikke denne tilmeldingskode. Sammenlign hvert tegn med koden fra IT (0 og O, 1 og I bruges ikke).</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="360"/>
        <source>Your user account is disabled on the server. Contact IT.</source>
        <translation>Din brugerkonto er spærret på serveren. Kontakt IT.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="361"/>
        <source>The server refused the enrolment. Contact IT.</source>
        <translation>Serveren afviste tilmeldingen. Kontakt IT.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="365"/>
        <source>The server&apos;s certificate could not be verified (TLS), so nothing was sent. Check the address, or contact IT.</source>
        <translation>Serverens certifikat kunne ikke bekræftes (TLS), så intet blev sendt. Kontrollér adressen, eller kontakt IT.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="369"/>
        <source>The server cannot be reached. Check the address and that the laptop is online, then try again.</source>
        <translation>Serveren kan ikke nås. Kontrollér adressen, og at den bærbare er online, og prøv igen.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="373"/>
        <source>This version of Outreach Desk is too old for the server. Ask IT.</source>
        <translation>Denne version af Outreach Desk er for gammel til serveren. Spørg IT.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="380"/>
        <source>Outreach Desk is locked. Unlock it and try again.</source>
        <translation>Outreach Desk er låst. Lås op, og prøv igen.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="383"/>
        <source>The address does not answer like an Outreach Desk sync server. Check the address with IT.</source>
        <translation>Adressen svarer ikke som en Outreach Desk-synkroniseringsserver. Kontrollér adressen med IT.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="386"/>
        <source>Enrolment failed. Nothing was changed on this laptop.</source>
        <translation>Tilmeldingen mislykkedes. Intet blev ændret på denne bærbare.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="395"/>
        <source>Enrol device</source>
        <translation>Tilmeld enhed</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="396"/>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="421"/>
        <source>Enrol this laptop</source>
        <translation>Tilmeld denne bærbare</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="399"/>
        <source>Connect this laptop to your municipality&apos;s sync server, so your visits and notes reach your team. IT gives you a one-time enrolment code.</source>
        <translation>Forbind denne bærbare med kommunens synkroniseringsserver, så dine besøg og notater når frem til dit team. IT giver dig en tilmeldingskode til engangsbrug.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="403"/>
        <source>Set by your IT department</source>
        <translation>Fastsat af din IT-afdeling</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="404"/>
        <source>&amp;Server address</source>
        <translation>&amp;Serveradresse</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="406"/>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="411"/>
        <source>Enrolment &amp;code</source>
        <translation>Tilmeldings&amp;kode</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="413"/>
        <source>Enrolment code</source>
        <translation>Tilmeldingskode</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="414"/>
        <source>10 characters from IT. Small letters and spaces are fine.</source>
        <translation>10 tegn fra IT. Små bogstaver og mellemrum er i orden.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="415"/>
        <source>&amp;Device name</source>
        <translation>&amp;Enhedens navn</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="416"/>
        <source>Device name</source>
        <translation>Enhedens navn</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="417"/>
        <source>How IT sees this laptop in its list of devices.</source>
        <translation>Sådan ser IT denne bærbare i sin liste over enheder.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="418"/>
        <source>Contacting the server…</source>
        <translation>Kontakter serveren …</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="419"/>
        <source>Enrolling</source>
        <translation>Tilmelder</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="420"/>
        <source>&amp;Enrol</source>
        <translation>&amp;Tilmeld</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="422"/>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="423"/>
        <source>Cancel</source>
        <translation>Annuller</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="424"/>
        <source>Sync &amp;now</source>
        <translation>Synkroniser &amp;nu</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="425"/>
        <source>Sync now</source>
        <translation>Synkroniser nu</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="426"/>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="427"/>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="428"/>
        <source>Enrolled</source>
        <translation>Tilmeldt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="434"/>
        <source>This laptop is enrolled as %1 (%2) in %3.</source>
        <translation>Denne bærbare er tilmeldt som %1 (%2) i %3.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="437"/>
        <source>This laptop is enrolled as %1 (%2).</source>
        <translation>Denne bærbare er tilmeldt som %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="442"/>
        <source>Sync now to send what is recorded on this laptop and fetch your team&apos;s citizens. Later, syncing happens by itself whenever the server can be reached.</source>
        <translation>Synkroniser nu for at sende det, der er registreret på denne bærbare, og hente dit teams borgere. Herefter synkroniseres der af sig selv, når serveren kan nås.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="451"/>
        <source>caseworker</source>
        <translation>sagsbehandler</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="452"/>
        <source>team lead</source>
        <translation>teamleder</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/enrol_dialog.py" line="453"/>
        <source>administrator</source>
        <translation>administrator</translation>
    </message>
</context>
<context>
    <name>ErrorLabel</name>
    <message>
        <location filename="../../outreach_desk/ui/widgets.py" line="82"/>
        <source>Error</source>
        <translation>Fejl</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="356"/>
        <source>The file could not be written.</source>
        <translation>Filen kunne ikke skrives.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="363"/>
        <source>The export failed.</source>
        <translation>Eksporten mislykkedes.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="367"/>
        <source>Save the plan as PDF</source>
        <translation>Gem planen som PDF</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="379"/>
        <source>Save the access log</source>
        <translation>Gem log over opslag</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/documents.py" line="397"/>
        <location filename="../../outreach_desk/ui/documents.py" line="418"/>
        <source>Save the table as CSV</source>
        <translation>Gem tabellen som CSV</translation>
    </message>
</context>
<context>
    <name>FirstRunScreen</name>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="114"/>
        <source>Welcome to Outreach Desk</source>
        <translation>Velkommen til Outreach Desk</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="117"/>
        <source>Everything you record is stored encrypted on this laptop. Choose a passphrase that only you know: a few ordinary words in a row are easy to remember and hard to guess. It cannot be recovered if you forget it.</source>
        <translation>Alt, hvad du registrerer, gemmes krypteret på denne computer. Vælg en adgangskode, som kun du kender: nogle almindelige ord i træk er nemme at huske og svære at gætte. Den kan ikke gendannes, hvis du glemmer den.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="122"/>
        <source>Your &amp;name</source>
        <translation>Dit &amp;navn</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="123"/>
        <source>&amp;Passphrase</source>
        <translation>&amp;Adgangskode</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="124"/>
        <source>&amp;Repeat passphrase</source>
        <translation>&amp;Gentag adgangskode</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="125"/>
        <source>Your name</source>
        <translation>Dit navn</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="126"/>
        <source>Passphrase</source>
        <translation>Adgangskode</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="127"/>
        <source>Repeat passphrase</source>
        <translation>Gentag adgangskode</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="128"/>
        <source>Passphrase strength</source>
        <translation>Adgangskodens styrke</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="129"/>
        <source>Create encrypted store</source>
        <translation>Opret krypteret lager</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="139"/>
        <source>Very weak</source>
        <translation>Meget svag</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="140"/>
        <source>Weak</source>
        <translation>Svag</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="141"/>
        <source>Fair</source>
        <translation>Rimelig</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="142"/>
        <source>Strong</source>
        <translation>Stærk</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="143"/>
        <source>Very strong</source>
        <translation>Meget stærk</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="150"/>
        <source>Write your name.</source>
        <translation>Skriv dit navn.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../outreach_desk/ui/unlock.py" line="153"/>
        <source>The passphrase must be at least %n characters long.</source>
        <translation>
            <numerusform>Adgangskoden skal være mindst %n tegn lang.</numerusform>
            <numerusform>Adgangskoden skal være mindst %n tegn lang.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="156"/>
        <source>The passphrase is too easy to guess. Add another word.</source>
        <translation>Adgangskoden er for nem at gætte. Tilføj endnu et ord.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="158"/>
        <source>The two passphrases are not the same.</source>
        <translation>De to adgangskoder er ikke ens.</translation>
    </message>
</context>
<context>
    <name>FollowUpsView</name>
    <message>
        <location filename="../../outreach_desk/ui/followups_view.py" line="97"/>
        <source>Loading…</source>
        <translation>Henter…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/followups_view.py" line="125"/>
        <source>Could not mark the follow-up as done.</source>
        <translation>Opfølgningen kunne ikke markeres som udført.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/followups_view.py" line="141"/>
        <source>Follow-ups</source>
        <translation>Opfølgninger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/followups_view.py" line="142"/>
        <source>Refresh</source>
        <translation>Opdatér</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/followups_view.py" line="143"/>
        <source>Refresh follow-ups</source>
        <translation>Opdatér opfølgninger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/followups_view.py" line="145"/>
        <source>Citizen</source>
        <translation>Borger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/followups_view.py" line="145"/>
        <source>Follow-up</source>
        <translation>Opfølgning</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/followups_view.py" line="145"/>
        <source>Due</source>
        <translation>Frist</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/followups_view.py" line="145"/>
        <source>Responsible</source>
        <translation>Ansvarlig</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/followups_view.py" line="147"/>
        <source>Follow-ups: overdue, today and this week</source>
        <translation>Opfølgninger: overskredne, i dag og denne uge</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/followups_view.py" line="148"/>
        <location filename="../../outreach_desk/ui/followups_view.py" line="151"/>
        <source>Mark done</source>
        <translation>Markér som udført</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/followups_view.py" line="150"/>
        <source>Mark the selected follow-up as done (Ctrl+D)</source>
        <translation>Markér den valgte opfølgning som udført (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/followups_view.py" line="152"/>
        <source>Open &amp;citizen</source>
        <translation>Åbn &amp;borger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/followups_view.py" line="153"/>
        <source>Open the citizen of the selected follow-up</source>
        <translation>Åbn borgeren for den valgte opfølgning</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/followups_view.py" line="154"/>
        <source>Nothing to follow up this week.</source>
        <translation>Intet at følge op på denne uge.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/followups_view.py" line="166"/>
        <source>Overdue</source>
        <translation>Overskredet</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/followups_view.py" line="167"/>
        <source>Today</source>
        <translation>I dag</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/followups_view.py" line="168"/>
        <source>This week</source>
        <translation>Denne uge</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/followups_view.py" line="189"/>
        <source>The follow-ups could not be loaded.</source>
        <translation>Opfølgningerne kunne ikke hentes.</translation>
    </message>
</context>
<context>
    <name>GoalDialog</name>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="132"/>
        <source>Edit goal</source>
        <translation>Ret mål</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="132"/>
        <source>New goal</source>
        <translation>Nyt mål</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="135"/>
        <source>Life area</source>
        <translation>Livsområde</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="138"/>
        <source>Write it as the citizen says it</source>
        <translation>Skriv det, som borgeren siger det</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="139"/>
        <source>The goal in the citizen&apos;s own words</source>
        <translation>Målet med borgerens egne ord</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="143"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="145"/>
        <source>Target date</source>
        <translation>Måldato</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="147"/>
        <source>&amp;Life area</source>
        <translation>&amp;Livsområde</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="148"/>
        <source>&amp;Goal, in the citizen&apos;s own words</source>
        <translation>&amp;Mål, med borgerens egne ord</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="150"/>
        <source>&amp;Status</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="151"/>
        <source>&amp;Target date</source>
        <translation>&amp;Måldato</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="33"/>
        <source>Street homeless</source>
        <translation>Gadesover</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="34"/>
        <source>Night shelter</source>
        <translation>Natvarmestue / natherberg</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="35"/>
        <source>Shelter (§ 110)</source>
        <translation>Herberg (§ 110)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="36"/>
        <source>Couch surfing</source>
        <translation>Sofasurfer</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="37"/>
        <source>Temporary housing</source>
        <translation>Midlertidig bolig</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="40"/>
        <source>Alternative housing</source>
        <translation>Skæv bolig</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="43"/>
        <source>Own home</source>
        <translation>Egen bolig</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="44"/>
        <source>Not known</source>
        <translation>Ukendt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="50"/>
        <source>Homelessness</source>
        <translation>Hjemløshed</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="51"/>
        <source>Addiction (alcohol)</source>
        <translation>Misbrug (alkohol)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="54"/>
        <source>Addiction (drugs)</source>
        <translation>Misbrug (stoffer)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="55"/>
        <source>Prostitution</source>
        <translation>Prostitution</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="56"/>
        <source>Mental illness</source>
        <translation>Sindslidelse</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="57"/>
        <source>Poverty</source>
        <translation>Fattigdom</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="58"/>
        <source>Crime</source>
        <translation>Kriminalitet</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="59"/>
        <source>Loneliness</source>
        <translation>Ensomhed</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="60"/>
        <source>Domestic violence</source>
        <translation>Vold i familien</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="63"/>
        <source>Poor health</source>
        <translation>Dårlig sundhed</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="69"/>
        <location filename="../../outreach_desk/ui/labels.py" line="139"/>
        <source>Drop-in centre</source>
        <translation>Værested</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="70"/>
        <source>Shelter</source>
        <translation>Herberg</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="71"/>
        <source>Street</source>
        <translation>Gaden</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="72"/>
        <location filename="../../outreach_desk/ui/labels.py" line="82"/>
        <source>Home visit</source>
        <translation>Hjemmebesøg</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="73"/>
        <source>Office</source>
        <translation>Kontor</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="79"/>
        <source>Outreach</source>
        <translation>Opsøgende</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="80"/>
        <source>Agreed meeting</source>
        <translation>Aftalt møde</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="81"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="88"/>
        <location filename="../../outreach_desk/ui/labels.py" line="103"/>
        <source>Housing</source>
        <translation>Bolig</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="89"/>
        <location filename="../../outreach_desk/ui/labels.py" line="104"/>
        <source>Health</source>
        <translation>Helbred</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="90"/>
        <location filename="../../outreach_desk/ui/labels.py" line="105"/>
        <source>Addiction</source>
        <translation>Misbrug</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="91"/>
        <location filename="../../outreach_desk/ui/labels.py" line="106"/>
        <source>Mental health</source>
        <translation>Psykisk helbred</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="92"/>
        <location filename="../../outreach_desk/ui/labels.py" line="108"/>
        <source>Economy</source>
        <translation>Økonomi</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="93"/>
        <location filename="../../outreach_desk/ui/labels.py" line="107"/>
        <source>Work and education</source>
        <translation>Arbejde og uddannelse</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="94"/>
        <source>Network</source>
        <translation>Netværk</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="95"/>
        <source>Practical help</source>
        <translation>Praktisk hjælp</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="96"/>
        <source>The plan</source>
        <translation>Planen</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="97"/>
        <location filename="../../outreach_desk/ui/labels.py" line="157"/>
        <source>Other</source>
        <translation>Andet</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="109"/>
        <source>Network and relations</source>
        <translation>Netværk og relationer</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="112"/>
        <source>Daily life</source>
        <translation>Hverdagsliv</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="113"/>
        <source>Leisure</source>
        <translation>Fritid</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="119"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="120"/>
        <source>Achieved</source>
        <translation>Nået</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="121"/>
        <source>Paused</source>
        <translation>Sat på pause</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="122"/>
        <source>Given up</source>
        <translation>Opgivet</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="128"/>
        <source>Planned</source>
        <translation>Planlagt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="129"/>
        <source>Ongoing</source>
        <translation>I gang</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="130"/>
        <source>Done</source>
        <translation>Udført</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="131"/>
        <source>Cancelled</source>
        <translation>Aflyst</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="137"/>
        <source>The citizen</source>
        <translation>Borgeren</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="138"/>
        <source>Caseworker</source>
        <translation>Sagsbehandler</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="140"/>
        <source>Regional psychiatry</source>
        <translation>Regionspsykiatrien</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="143"/>
        <source>Addiction treatment</source>
        <translation>Misbrugsbehandling</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="146"/>
        <source>Job centre</source>
        <translation>Jobcenter</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="147"/>
        <source>Housing association</source>
        <translation>Boligselskab</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="150"/>
        <source>Volunteer organisation</source>
        <translation>Frivillig organisation</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="153"/>
        <source>GP</source>
        <translation>Egen læge</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="154"/>
        <source>Prison and probation service</source>
        <translation>Kriminalforsorgen</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="164"/>
        <source>0 – none</source>
        <translation>0 – intet</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="165"/>
        <source>1 – light</source>
        <translation>1 – let</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="166"/>
        <source>2 – moderate</source>
        <translation>2 – moderat</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="167"/>
        <source>3 – high</source>
        <translation>3 – omfattende</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="168"/>
        <source>4 – complete</source>
        <translation>4 – totalt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="175"/>
        <source>Written</source>
        <translation>Skriftligt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="176"/>
        <source>Oral</source>
        <translation>Mundtligt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="186"/>
        <source>Casework</source>
        <translation>Sagsbehandling</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="187"/>
        <source>Outreach visit</source>
        <translation>Opsøgende besøg</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="188"/>
        <source>Work on the plan</source>
        <translation>Arbejde med planen</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="189"/>
        <location filename="../../outreach_desk/ui/labels.py" line="226"/>
        <source>Follow-up</source>
        <translation>Opfølgning</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="190"/>
        <source>Review</source>
        <translation>Gennemgang</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="191"/>
        <source>Citizen&apos;s request for insight</source>
        <translation>Borgerens anmodning om indsigt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="194"/>
        <source>Export</source>
        <translation>Udtræk</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="195"/>
        <source>Synchronisation</source>
        <translation>Synkronisering</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="205"/>
        <source>Looked up</source>
        <translation>Slået op</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="206"/>
        <source>Searched</source>
        <translation>Søgt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="207"/>
        <source>Created</source>
        <translation>Oprettet</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="208"/>
        <source>Changed</source>
        <translation>Ændret</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="209"/>
        <source>Exported</source>
        <translation>Udtrukket</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="210"/>
        <source>Deleted</source>
        <translation>Slettet</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="217"/>
        <source>Citizen details</source>
        <translation>Borgerens oplysninger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="218"/>
        <source>Journal note</source>
        <translation>Journalnotat</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="219"/>
        <source>Contacts</source>
        <translation>Kontakter</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="220"/>
        <source>Addendum</source>
        <translation>Tillæg</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="221"/>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="222"/>
        <source>Goal</source>
        <translation>Mål</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="223"/>
        <source>Effort</source>
        <translation>Indsats</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="224"/>
        <source>Progress rating</source>
        <translation>Progressionsmåling</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="225"/>
        <source>Consent</source>
        <translation>Samtykke</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="227"/>
        <source>Review of a note</source>
        <translation>Gennemgang af notat</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="228"/>
        <source>Access log</source>
        <translation>Log over opslag</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="229"/>
        <source>Review table</source>
        <translation>Gennemgangstabel</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="230"/>
        <source>Oversight list</source>
        <translation>Tilsynsliste</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="231"/>
        <source>Effect figures</source>
        <translation>Effekttal</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="245"/>
        <source>Write the citizen&apos;s name or the nickname they are known by.</source>
        <translation>Skriv borgerens navn eller det kaldenavn, borgeren kendes under.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="248"/>
        <source>Write the CPR number as DDMMYY-SSSS: six digits for the birth date, a dash and four digits.</source>
        <translation>Skriv CPR-nummeret som DDMMÅÅ-SSSS: seks cifre for fødselsdatoen, en bindestreg og fire cifre.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="253"/>
        <source>The first six digits of the CPR number are not a real date.</source>
        <translation>De første seks cifre i CPR-nummeret er ikke en rigtig dato.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="256"/>
        <source>An anonymous contact has no CPR number. Link the CPR number instead.</source>
        <translation>En anonym kontakt har intet CPR-nummer. Knyt CPR-nummeret til i stedet.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="259"/>
        <source>The birth year does not match the CPR number.</source>
        <translation>Fødselsåret passer ikke med CPR-nummeret.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="262"/>
        <source>The phone number may contain digits, spaces, a leading + and dashes (8 to 20 characters).</source>
        <translation>Telefonnummeret må indeholde cifre, mellemrum, et + først og bindestreger (8 til 20 tegn).</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="267"/>
        <source>Choose at least one citizen who was present.</source>
        <translation>Vælg mindst én borger, der var til stede.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="270"/>
        <source>The time of the contact cannot be in the future.</source>
        <translation>Kontaktens tidspunkt kan ikke ligge i fremtiden.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="273"/>
        <source>The time of the contact cannot be after the note was written.</source>
        <translation>Kontaktens tidspunkt kan ikke ligge efter, at notatet blev skrevet.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="276"/>
        <source>Write what happened before finalising.</source>
        <translation>Skriv hvad der skete, før du afslutter.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="279"/>
        <source>Describe the agreement, or remove the row.</source>
        <translation>Beskriv aftalen, eller fjern rækken.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="282"/>
        <source>This note is final and locked. Write an addendum to correct or add to it.</source>
        <translation>Notatet er afsluttet og låst. Skriv et tillæg for at rette eller tilføje.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="285"/>
        <source>The citizen already has an active plan. One citizen, one plan.</source>
        <translation>Borgeren har allerede en aktiv plan. Én borger, én plan.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="288"/>
        <source>Write the goal in the citizen&apos;s own words.</source>
        <translation>Skriv målet med borgerens egne ord.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="291"/>
        <source>Write a description.</source>
        <translation>Skriv en beskrivelse.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="292"/>
        <source>Write what may be shared.</source>
        <translation>Skriv hvad der må deles.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="293"/>
        <source>The rating date cannot be in the future.</source>
        <translation>Målingens dato kan ikke ligge i fremtiden.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="296"/>
        <source>Addenda are for final notes. A draft can still be edited directly.</source>
        <translation>Tillæg er til afsluttede notater. En kladde kan stadig rettes direkte.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="307"/>
        <source>Choose a value from {low} to {high}.</source>
        <translation>Vælg en værdi fra {low} til {high}.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="311"/>
        <source>Write a whole number from {low} to {high}.</source>
        <translation>Skriv et helt tal fra {low} til {high}.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="315"/>
        <source>This must be filled in.</source>
        <translation>Dette skal udfyldes.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="317"/>
        <source>Choose one of the offered choices.</source>
        <translation>Vælg en af de tilbudte muligheder.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/labels.py" line="319"/>
        <source>The dates are in the wrong order.</source>
        <translation>Datoerne står i forkert rækkefølge.</translation>
    </message>
</context>
<context>
    <name>LeaseScreen</name>
    <message>
        <location filename="../../outreach_desk/ui/lease_screen.py" line="49"/>
        <source>This laptop has been offline for too long</source>
        <translation>Denne bærbare har været offline for længe</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/lease_screen.py" line="53"/>
        <source>To protect the citizens&apos; data on a laptop that may be lost, Outreach Desk shows nothing after %1 days without contact with the server (last contact: %2). Connect to the network and synchronise: everything appears again as soon as the server has been reached. Nothing recorded on this laptop is lost.</source>
        <translation>For at beskytte borgernes data på en bærbar, der kan blive væk, viser Outreach Desk intet efter %1 dage uden kontakt med serveren (seneste kontakt: %2). Gå på netværket og synkroniser: alt vises igen, så snart serveren er nået. Intet, der er registreret på denne bærbare, går tabt.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/lease_screen.py" line="59"/>
        <source>never</source>
        <translation>aldrig</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/lease_screen.py" line="61"/>
        <source>Synchronising…</source>
        <translation>Synkroniserer …</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/lease_screen.py" line="62"/>
        <source>&amp;Synchronise now</source>
        <translation>&amp;Synkroniser nu</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/lease_screen.py" line="63"/>
        <source>&amp;Lock</source>
        <translation>&amp;Lås</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/lease_screen.py" line="64"/>
        <source>Synchronise now</source>
        <translation>Synkroniser nu</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/lease_screen.py" line="65"/>
        <source>Lock</source>
        <translation>Lås</translation>
    </message>
</context>
<context>
    <name>MachinePolicy</name>
    <message>
        <location filename="../../outreach_desk/app.py" line="247"/>
        <source>The machine policy set by your IT department has problems. Outreach Desk uses safe defaults for the affected settings. Please tell IT:</source>
        <translation>Maskinpolitikken fra din it-afdeling har fejl. Outreach Desk bruger sikre standardværdier for de berørte indstillinger. Giv it-afdelingen besked:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="234"/>
        <location filename="../../outreach_desk/ui/main_window.py" line="315"/>
        <location filename="../../outreach_desk/ui/main_window.py" line="344"/>
        <location filename="../../outreach_desk/ui/main_window.py" line="359"/>
        <source>Outreach Desk</source>
        <translation>Outreach Desk</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="235"/>
        <source>&amp;New contact</source>
        <translation>&amp;Ny kontakt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="236"/>
        <source>Record a contact and its journal note (Ctrl+N)</source>
        <translation>Registrér en kontakt og dens journalnotat (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="237"/>
        <source>&amp;Find citizen</source>
        <translation>&amp;Find borger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="238"/>
        <source>&amp;Lock</source>
        <translation>&amp;Lås</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="239"/>
        <source>F&amp;ollow-ups</source>
        <translation>&amp;Opfølgninger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="240"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Indstillinger …</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="241"/>
        <source>&amp;Quit</source>
        <translation>&amp;Afslut program</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="242"/>
        <source>&amp;File</source>
        <translation>&amp;Filer</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="243"/>
        <source>&amp;View</source>
        <translation>&amp;Vis</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="244"/>
        <source>Main toolbar</source>
        <translation>Værktøjslinje</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="245"/>
        <source>Citizen</source>
        <translation>Borger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="246"/>
        <source>Follow-ups</source>
        <translation>Opfølgninger</translation>
    </message>
    <message numerus="yes">
        <location filename="../../outreach_desk/ui/main_window.py" line="249"/>
        <source>Conflicts (%n)</source>
        <translation>
            <numerusform>Konflikter (%n)</numerusform>
            <numerusform>Konflikter (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="251"/>
        <source>Conflicts</source>
        <translation>Konflikter</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="253"/>
        <source>S&amp;ynchronise now</source>
        <translation>S&amp;ynkroniser nu</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="254"/>
        <source>Synchronise with the central server (F5)</source>
        <translation>Synkroniser med den centrale server (F5)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="255"/>
        <source>&amp;Enrol this laptop…</source>
        <translation>&amp;Tilmeld denne computer …</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="256"/>
        <source>Citizen and follow-ups</source>
        <translation>Borger og opfølgninger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="291"/>
        <source>connecting</source>
        <translation>forbinder</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="292"/>
        <source>sending changes</source>
        <translation>sender ændringer</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="293"/>
        <source>receiving changes</source>
        <translation>modtager ændringer</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="294"/>
        <source>checking</source>
        <translation>kontrollerer</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="296"/>
        <source>Synchronising: %1</source>
        <translation>Synkroniserer: %1</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="302"/>
        <source>Synchronised</source>
        <translation>Synkroniseret</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="317"/>
        <source>The data on this laptop was older than what it had already sent to the server (it may have been restored from a backup). Nothing was lost: everything was fetched from the server again. Tell IT about it.</source>
        <translation>Dataene på denne bærbare var ældre end det, den allerede havde sendt til serveren (de kan være genskabt fra en sikkerhedskopi). Intet gik tabt: alt blev hentet fra serveren igen. Giv IT besked om det.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="346"/>
        <source>This laptop has been withdrawn by your IT department. The local data has been erased. Contact IT to enrol it again.</source>
        <translation>Denne computer er trukket tilbage af din it-afdeling. De lokale data er slettet. Kontakt it-afdelingen for at tilmelde den igen.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="373"/>
        <source>Creating the encrypted store…</source>
        <translation>Opretter det krypterede lager …</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="440"/>
        <source>Unlocked</source>
        <translation>Låst op</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="535"/>
        <source>Settings</source>
        <translation>Indstillinger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/main_window.py" line="536"/>
        <source>The settings could not be saved; they apply until you quit.</source>
        <translation>Indstillingerne kunne ikke gemmes; de gælder, indtil du lukker programmet.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../outreach_desk/ui/messages.py" line="32"/>
        <source>The passphrase is not correct.</source>
        <translation>Adgangskoden er ikke korrekt.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/messages.py" line="34"/>
        <source>Too many wrong passphrases. Wait a moment before trying again.</source>
        <translation>For mange forkerte adgangskoder. Vent et øjeblik, før du prøver igen.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/messages.py" line="38"/>
        <source>The key file (store.key) is missing from the profile folder. Without it the data cannot be opened. Nothing has been deleted: restore the file from a backup or contact IT.</source>
        <translation>Nøglefilen (store.key) mangler i profilmappen. Uden den kan data ikke åbnes. Intet er slettet: gendan filen fra en sikkerhedskopi, eller kontakt it-afdelingen.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/messages.py" line="45"/>
        <source>The key file (store.key) is damaged. Nothing has been deleted: restore the file from a backup or contact IT.</source>
        <translation>Nøglefilen (store.key) er beskadiget. Intet er slettet: gendan filen fra en sikkerhedskopi, eller kontakt it-afdelingen.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/messages.py" line="51"/>
        <source>The database file is damaged or has been changed outside Outreach Desk. Nothing has been deleted. Contact IT before you record anything else.</source>
        <translation>Databasefilen er beskadiget eller ændret uden for Outreach Desk. Intet er slettet. Kontakt it-afdelingen, før du registrerer mere.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/messages.py" line="57"/>
        <source>The disk is full, so the change was not saved. What you saved before is safe. Free some space and try again; what you typed is still in the form.</source>
        <translation>Disken er fuld, så ændringen blev ikke gemt. Det, du har gemt før, er i sikkerhed. Frigør plads og prøv igen; det, du skrev, står stadig i formularen.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/messages.py" line="63"/>
        <source>This installation cannot encrypt data and refuses to store anything.</source>
        <translation>Denne installation kan ikke kryptere data og nægter at gemme noget.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/messages.py" line="67"/>
        <source>There is no local store in this profile yet.</source>
        <translation>Der er endnu ikke noget lokalt lager i denne profil.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/messages.py" line="71"/>
        <source>There is already a local store in this profile. Nothing was changed.</source>
        <translation>Der er allerede et lokalt lager i denne profil. Intet blev ændret.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/messages.py" line="75"/>
        <source>Outreach Desk is locked.</source>
        <translation>Outreach Desk er låst.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/messages.py" line="77"/>
        <source>The record no longer exists; it may have been deleted.</source>
        <translation>Posten findes ikke længere; den kan være slettet.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/messages.py" line="81"/>
        <source>Some fields need attention.</source>
        <translation>Nogle felter skal rettes.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/messages.py" line="83"/>
        <source>The local database reported a problem. Nothing was saved by this action.</source>
        <translation>Den lokale database meldte en fejl. Intet blev gemt ved denne handling.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/messages.py" line="86"/>
        <source>Something went wrong. Nothing was saved by this action.</source>
        <translation>Noget gik galt. Intet blev gemt ved denne handling.</translation>
    </message>
</context>
<context>
    <name>OversightView</name>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="123"/>
        <source>Loading…</source>
        <translation>Indlæser…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="139"/>
        <source>Oversight</source>
        <translation>Ledelsestilsyn</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="140"/>
        <source>No contact for (days)</source>
        <translation>Ingen kontakt i (dage)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="141"/>
        <source>Consent expires within (days)</source>
        <translation>Samtykke udløber inden for (dage)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="142"/>
        <source>Refresh</source>
        <translation>Opdater</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="143"/>
        <source>Export list (CSV)…</source>
        <translation>Eksporter liste (CSV)…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="144"/>
        <source>Open &amp;citizen</source>
        <translation>Åbn &amp;borger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="163"/>
        <source>Overdue follow-ups</source>
        <translation>Overskredne opfølgninger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="164"/>
        <source>No contact</source>
        <translation>Ingen kontakt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="165"/>
        <source>Plans past follow-up</source>
        <translation>Planer over opfølgningsdato</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="166"/>
        <source>Consents expiring</source>
        <translation>Samtykker der udløber</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="167"/>
        <source>Late notes</source>
        <translation>Sene notater</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="168"/>
        <source>Sync conflicts</source>
        <translation>Synkroniseringskonflikter</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="169"/>
        <source>Rejected changes</source>
        <translation>Afviste ændringer</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="173"/>
        <source>Citizen</source>
        <translation>Borger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="177"/>
        <source>Follow-up</source>
        <translation>Opfølgning</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="178"/>
        <source>Due</source>
        <translation>Frist</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="179"/>
        <source>Days overdue</source>
        <translation>Dage over</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="180"/>
        <source>Who</source>
        <translation>Hvem</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="184"/>
        <source>Last contact</source>
        <translation>Seneste kontakt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="185"/>
        <source>Days</source>
        <translation>Dage</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="186"/>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="192"/>
        <source>Coordinating caseworker</source>
        <translation>Koordinerende sagsbehandler</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="190"/>
        <source>Plan follow-up date</source>
        <translation>Planens opfølgningsdato</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="191"/>
        <source>Days over</source>
        <translation>Dage over</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="196"/>
        <source>Consent</source>
        <translation>Samtykke</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="197"/>
        <source>Expires</source>
        <translation>Udløber</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="198"/>
        <source>Days left</source>
        <translation>Dage tilbage</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="202"/>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="203"/>
        <source>Written</source>
        <translation>Skrevet</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="204"/>
        <source>Hours later</source>
        <translation>Timer senere</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="205"/>
        <source>Caseworker</source>
        <translation>Sagsbehandler</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="208"/>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="213"/>
        <source>Record</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="209"/>
        <source>Field</source>
        <translation>Felt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="210"/>
        <source>On the server (by)</source>
        <translation>På serveren (af)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="211"/>
        <source>Other version (by)</source>
        <translation>Anden version (af)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="213"/>
        <source>Reason</source>
        <translation>Årsag</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="213"/>
        <source>Changed</source>
        <translation>Ændret</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="225"/>
        <source>never</source>
        <translation>aldrig</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/oversight_view.py" line="261"/>
        <source>The oversight could not be loaded.</source>
        <translation>Tilsynet kunne ikke indlæses.</translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="118"/>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="650"/>
        <source>Could not save. Nothing was changed.</source>
        <translation>Kunne ikke gemme. Intet blev ændret.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="552"/>
        <source>The citizen has no plan yet. A plan holds the citizen&apos;s wish and goals in their own words, and the efforts that support them.</source>
        <translation>Borgeren har ingen plan endnu. En plan rummer borgerens ønske og mål med egne ord og de indsatser, der støtter dem.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="556"/>
        <source>&amp;Create plan</source>
        <translation>&amp;Opret plan</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="557"/>
        <source>Create plan</source>
        <translation>Opret plan</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="558"/>
        <source>The citizen&apos;s plan</source>
        <translation>Borgerens plan</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="559"/>
        <source>&amp;Wish, in the citizen&apos;s own words</source>
        <translation>&amp;Ønske, med borgerens egne ord</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="560"/>
        <source>The citizen&apos;s wish, in their own words</source>
        <translation>Borgerens ønske, med egne ord</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="561"/>
        <source>What does the citizen want their life to be like?</source>
        <translation>Hvordan vil borgeren gerne have, at livet ser ud?</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="562"/>
        <source>Plan &amp;follow-up</source>
        <translation>Plan&amp;opfølgning</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="563"/>
        <source>Follow-up date for the plan</source>
        <translation>Opfølgningsdato for planen</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="564"/>
        <source>Co&amp;nsent for coordination</source>
        <translation>Sam&amp;tykke til koordinering</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="565"/>
        <source>Consent for coordination</source>
        <translation>Samtykke til koordinering</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="566"/>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="568"/>
        <source>Save plan</source>
        <translation>Gem plan</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="567"/>
        <source>Save the wish, follow-up date and consent</source>
        <translation>Gem ønske, opfølgningsdato og samtykke</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="569"/>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="579"/>
        <source>Goals</source>
        <translation>Mål</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="572"/>
        <source>Life area</source>
        <translation>Livsområde</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="573"/>
        <source>Goal, in the citizen&apos;s words</source>
        <translation>Mål, med borgerens ord</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="574"/>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="607"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="575"/>
        <source>Target date</source>
        <translation>Måldato</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="576"/>
        <source>Latest rating</source>
        <translation>Seneste måling</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="580"/>
        <source>Add &amp;goal…</source>
        <translation>Tilføj &amp;mål…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="581"/>
        <source>Add goal</source>
        <translation>Tilføj mål</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="582"/>
        <source>Edit goal…</source>
        <translation>Ret mål…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="583"/>
        <source>Edit the selected goal</source>
        <translation>Ret det valgte mål</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="584"/>
        <source>Rate progress</source>
        <translation>Mål progression</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="585"/>
        <source>G&amp;oal</source>
        <translation>M&amp;ål</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="586"/>
        <source>Goal to rate</source>
        <translation>Mål der vurderes</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="587"/>
        <source>Citizen&apos;s own &amp;rating (1–10)</source>
        <translation>Borgerens egen &amp;vurdering (1–10)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="588"/>
        <source>Citizen&apos;s own rating from 1 to 10</source>
        <translation>Borgerens egen vurdering fra 1 til 10</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="589"/>
        <source>Support &amp;need</source>
        <translation>Støtte&amp;behov</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="590"/>
        <source>Support need from 0 to 4</source>
        <translation>Støttebehov fra 0 til 4</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="591"/>
        <source>Co&amp;mment</source>
        <translation>Ko&amp;mmentar</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="592"/>
        <source>Comment on the rating</source>
        <translation>Kommentar til målingen</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="593"/>
        <source>Save ra&amp;ting</source>
        <translation>Gem må&amp;ling</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="594"/>
        <source>Save rating</source>
        <translation>Gem måling</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="597"/>
        <source>Not assessed</source>
        <translation>Ikke vurderet</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="600"/>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="610"/>
        <source>Efforts</source>
        <translation>Indsatser</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="603"/>
        <source>Effort</source>
        <translation>Indsats</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="604"/>
        <source>Responsible</source>
        <translation>Ansvarlig</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="605"/>
        <source>Legal basis</source>
        <translation>Lovgrundlag</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="606"/>
        <source>Due</source>
        <translation>Frist</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="611"/>
        <source>Add &amp;effort…</source>
        <translation>Tilføj &amp;indsats…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="612"/>
        <source>Add effort</source>
        <translation>Tilføj indsats</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="613"/>
        <source>Edit effort…</source>
        <translation>Ret indsats…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="614"/>
        <source>Edit the selected effort</source>
        <translation>Ret den valgte indsats</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="615"/>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="630"/>
        <source>The plan could not be loaded.</source>
        <translation>Planen kunne ikke hentes.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="663"/>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="678"/>
        <source>%1/10 on %2</source>
        <translation>%1/10 den %2</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="681"/>
        <source>, need %1</source>
        <translation>, støttebehov %1</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="728"/>
        <source>No consent chosen</source>
        <translation>Intet samtykke valgt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="731"/>
        <source>valid</source>
        <translation>gyldigt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="731"/>
        <source>not valid</source>
        <translation>ikke gyldigt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/plan_editor.py" line="732"/>
        <source>%1 (given %2, %3)</source>
        <translation>%1 (givet %2, %3)</translation>
    </message>
</context>
<context>
    <name>ProgressChart</name>
    <message>
        <location filename="../../outreach_desk/ui/progress_chart.py" line="97"/>
        <source>No progress ratings yet.</source>
        <translation>Ingen progressionsmålinger endnu.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/progress_chart.py" line="104"/>
        <source>%1: own rating %2 of 10 on %3</source>
        <translation>%1: egen vurdering %2 af 10 den %3</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/progress_chart.py" line="109"/>
        <source>, support need %1</source>
        <translation>, støttebehov %1</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/progress_chart.py" line="119"/>
        <source>No progress ratings yet. Rate progress on a goal in the plan to see how things develop over time.</source>
        <translation>Ingen progressionsmålinger endnu. Mål progression på et mål i planen for at se udviklingen over tid.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/progress_chart.py" line="125"/>
        <source>Solid line: the citizen&apos;s own rating (1–10, left axis). Dashed line: support need assessed by the caseworker (0 none – 4 complete, right axis).</source>
        <translation>Fuldt optrukket linje: borgerens egen vurdering (1–10, venstre akse). Stiplet linje: støttebehov vurderet af sagsbehandleren (0 intet – 4 totalt, højre akse).</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/progress_chart.py" line="129"/>
        <location filename="../../outreach_desk/ui/progress_chart.py" line="216"/>
        <source>Progress chart</source>
        <translation>Progressionsgraf</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/progress_chart.py" line="158"/>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/progress_chart.py" line="163"/>
        <source>Own rating</source>
        <translation>Egen vurdering</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/progress_chart.py" line="168"/>
        <source>Support need</source>
        <translation>Støttebehov</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/progress_chart.py" line="200"/>
        <source>%1 (support need)</source>
        <translation>%1 (støttebehov)</translation>
    </message>
</context>
<context>
    <name>ReturnedNotesView</name>
    <message>
        <location filename="../../outreach_desk/ui/returned_notes.py" line="102"/>
        <source>Returned notes</source>
        <translation>Returnerede notater</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/returned_notes.py" line="105"/>
        <source>Notes your team lead has returned or marked. A final note cannot be changed: answer with an addendum, and the note goes back for review.</source>
        <translation>Notater, som din teamleder har returneret eller markeret. Et afsluttet notat kan ikke ændres: svar med et tillæg, så går notatet tilbage til gennemgang.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/returned_notes.py" line="111"/>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/returned_notes.py" line="112"/>
        <source>Citizen</source>
        <translation>Borger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/returned_notes.py" line="113"/>
        <source>Review</source>
        <translation>Gennemgang</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/returned_notes.py" line="114"/>
        <source>Team lead</source>
        <translation>Teamleder</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/returned_notes.py" line="115"/>
        <source>Comment</source>
        <translation>Bemærkning</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/returned_notes.py" line="118"/>
        <source>Returned notes with the team lead&apos;s comment</source>
        <translation>Returnerede notater med teamlederens bemærkning</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/returned_notes.py" line="119"/>
        <source>Write &amp;addendum…</source>
        <translation>Skriv &amp;tillæg…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/returned_notes.py" line="120"/>
        <source>Open &amp;citizen</source>
        <translation>Åbn &amp;borger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/returned_notes.py" line="121"/>
        <source>No returned notes.</source>
        <translation>Ingen returnerede notater.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/returned_notes.py" line="139"/>
        <source>The returned notes could not be loaded.</source>
        <translation>De returnerede notater kunne ikke indlæses.</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="57"/>
        <source>Awaiting review</source>
        <translation>Afventer gennemgang</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="58"/>
        <source>Re-opened by addendum</source>
        <translation>Genåbnet af tillæg</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="59"/>
        <source>Approved</source>
        <translation>Godkendt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="60"/>
        <source>Returned with a comment</source>
        <translation>Returneret med bemærkning</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="61"/>
        <source>Has issues</source>
        <translation>Har mangler</translation>
    </message>
</context>
<context>
    <name>ReviewQueueModel</name>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="126"/>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="127"/>
        <source>Caseworker</source>
        <translation>Sagsbehandler</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="128"/>
        <source>Citizen</source>
        <translation>Borger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="129"/>
        <source>Place</source>
        <translation>Sted</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="130"/>
        <source>Review</source>
        <translation>Gennemgang</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="131"/>
        <source>Addenda</source>
        <translation>Tillæg</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="160"/>
        <source>Written more than 24 hours after the contact</source>
        <translation>Skrevet mere end 24 timer efter kontakten</translation>
    </message>
</context>
<context>
    <name>ReviewQueueView</name>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="329"/>
        <source>Loading…</source>
        <translation>Indlæser…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="371"/>
        <source>The review could not be saved.</source>
        <translation>Gennemgangen kunne ikke gemmes.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="404"/>
        <source>Review of journal notes</source>
        <translation>Gennemgang af journalnotater</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="405"/>
        <source>Refresh</source>
        <translation>Opdater</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="406"/>
        <source>Refresh the review queue</source>
        <translation>Opdater listen til gennemgang</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="407"/>
        <source>Export table (CSV)…</source>
        <translation>Eksporter tabel (CSV)…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="409"/>
        <source>&amp;Show</source>
        <translation>&amp;Vis</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="410"/>
        <source>Case&amp;worker</source>
        <translation>Sags&amp;behandler</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="411"/>
        <source>&amp;Place</source>
        <translation>&amp;Sted</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="412"/>
        <source>&amp;From</source>
        <translation>&amp;Fra</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="413"/>
        <source>&amp;To</source>
        <translation>&amp;Til</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="414"/>
        <source>C&amp;itizen</source>
        <translation>B&amp;orger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="418"/>
        <source>Name, nickname or CPR</source>
        <translation>Navn, kaldenavn eller CPR</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="419"/>
        <source>Notes to review</source>
        <translation>Notater til gennemgang</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="420"/>
        <source>The note under review</source>
        <translation>Notatet der gennemgås</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="421"/>
        <source>Co&amp;mment to the caseworker</source>
        <translation>&amp;Bemærkning til sagsbehandleren</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="423"/>
        <source>Needed when you return a note or mark it as having issues</source>
        <translation>Skal udfyldes, når du returnerer et notat eller markerer, at det har mangler</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="425"/>
        <source>&amp;Approve</source>
        <translation>&amp;Godkend</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="427"/>
        <source>Approve the note as shown (Ctrl+Enter)</source>
        <translation>Godkend notatet, som det er vist (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="428"/>
        <source>&amp;Return with comment</source>
        <translation>&amp;Returner med bemærkning</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="429"/>
        <source>Mark as &amp;has issues</source>
        <translation>Markér som &amp;har mangler</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="430"/>
        <source>Open citi&amp;zen</source>
        <translation>Åbn b&amp;orger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="431"/>
        <source>No notes match the filters.</source>
        <translation>Ingen notater passer til filtrene.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="449"/>
        <source>Awaiting review</source>
        <translation>Afventer gennemgang</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="450"/>
        <source>Returned</source>
        <translation>Returneret</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="451"/>
        <source>Has issues</source>
        <translation>Har mangler</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="452"/>
        <source>Approved</source>
        <translation>Godkendt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="453"/>
        <source>All final notes</source>
        <translation>Alle afsluttede notater</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="464"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message numerus="yes">
        <location filename="../../outreach_desk/ui/review_queue.py" line="492"/>
        <source>%n awaiting review</source>
        <translation>
            <numerusform>%n afventer gennemgang</numerusform>
            <numerusform>%n afventer gennemgang</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="496"/>
        <source>showing the newest %1 of %2</source>
        <translation>viser de nyeste %1 af %2</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="504"/>
        <source>The review queue could not be loaded.</source>
        <translation>Listen til gennemgang kunne ikke indlæses.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="532"/>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="533"/>
        <source>Written</source>
        <translation>Skrevet</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="534"/>
        <source>Caseworker</source>
        <translation>Sagsbehandler</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="537"/>
        <source>Review</source>
        <translation>Gennemgang</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="538"/>
        <source>Topics</source>
        <translation>Emner</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="539"/>
        <source>Agreements</source>
        <translation>Aftaler</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="542"/>
        <source>Addendum</source>
        <translation>Tillæg</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="543"/>
        <source>Earlier reviews</source>
        <translation>Tidligere gennemgange</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="544"/>
        <source>written late</source>
        <translation>skrevet sent</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/review_queue.py" line="546"/>
        <source>revision %1</source>
        <translation>version %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../outreach_desk/ui/settings_dialog.py" line="81"/>
        <source>Settings</source>
        <translation>Indstillinger</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/settings_dialog.py" line="83"/>
        <source>&amp;Language</source>
        <translation>&amp;Sprog</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/settings_dialog.py" line="85"/>
        <source>&amp;Lock after idle minutes</source>
        <translation>&amp;Lås efter minutters inaktivitet</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/settings_dialog.py" line="86"/>
        <source>&amp;Default place</source>
        <translation>&amp;Standardsted</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/settings_dialog.py" line="87"/>
        <source>Language</source>
        <translation>Sprog</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/settings_dialog.py" line="88"/>
        <source>Lock after idle minutes</source>
        <translation>Lås efter minutters inaktivitet</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/settings_dialog.py" line="89"/>
        <source>Default place</source>
        <translation>Standardsted</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/settings_dialog.py" line="90"/>
        <source>min</source>
        <translation>min.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/settings_dialog.py" line="92"/>
        <source>🔒 Set by your IT department and cannot be changed here.</source>
        <translation>🔒 Fastsat af din it-afdeling og kan ikke ændres her.</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../outreach_desk/services/sync_controller.py" line="74"/>
        <source>IT has withdrawn this laptop from the server. The data on it has been erased.</source>
        <translation>IT har frakoblet denne bærbare fra serveren. Dataene på den er slettet.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/services/sync_controller.py" line="83"/>
        <source>This laptop is not enrolled with a server yet. Choose Enrol device first.</source>
        <translation>Denne bærbare er endnu ikke tilmeldt en server. Vælg Tilmeld enhed først.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/services/sync_controller.py" line="89"/>
        <source>The server&apos;s certificate could not be verified, so nothing was sent. Your changes are kept on this laptop. Contact IT.</source>
        <translation>Serverens certifikat kunne ikke bekræftes, så intet blev sendt. Dine ændringer er gemt på denne bærbare. Kontakt IT.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/services/sync_controller.py" line="94"/>
        <source>The server cannot be reached. Your changes are kept on this laptop and are sent when the connection returns.</source>
        <translation>Serveren kan ikke nås. Dine ændringer er gemt på denne bærbare og sendes, når forbindelsen er tilbage.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/services/sync_controller.py" line="102"/>
        <source>This version of Outreach Desk is too old for the server. Your changes are kept on this laptop; ask IT to update the program.</source>
        <translation>Denne version af Outreach Desk er for gammel til serveren. Dine ændringer er gemt på denne bærbare; bed IT om at opdatere programmet.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/services/sync_controller.py" line="109"/>
        <source>Your user account is disabled on the server. Your changes are kept on this laptop. Contact IT.</source>
        <translation>Din brugerkonto er spærret på serveren. Dine ændringer er gemt på denne bærbare. Kontakt IT.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/services/sync_controller.py" line="115"/>
        <source>The server did not accept this laptop&apos;s clock. Check the date and time. Your changes are kept on this laptop.</source>
        <translation>Serveren godtog ikke denne bærbares ur. Kontrollér dato og klokkeslæt. Dine ændringer er gemt på denne bærbare.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/services/sync_controller.py" line="120"/>
        <source>The server did not recognise this laptop. Your changes are kept on this laptop. Contact IT.</source>
        <translation>Serveren genkendte ikke denne bærbare. Dine ændringer er gemt på denne bærbare. Kontakt IT.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/services/sync_controller.py" line="126"/>
        <source>The server address is not allowed: use an https:// address. Your changes are kept on this laptop.</source>
        <translation>Serveradressen er ikke tilladt: brug en https://-adresse. Dine ændringer er gemt på denne bærbare.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/services/sync_controller.py" line="131"/>
        <source>Synchronisation failed. Your changes are kept on this laptop and are sent at the next sync.</source>
        <translation>Synkroniseringen mislykkedes. Dine ændringer er gemt på denne bærbare og sendes ved næste synkronisering.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/services/sync_controller.py" line="428"/>
        <source>Synchronisation was cancelled. Nothing was lost; the next sync continues where this one stopped.</source>
        <translation>Synkroniseringen blev afbrudt. Intet er gået tabt; næste synkronisering fortsætter, hvor denne slap.</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/services/sync_controller.py" line="472"/>
        <source>IT has withdrawn this laptop, but its data could not be erased. Do not use the laptop; contact IT.</source>
        <translation>IT har frakoblet denne bærbare, men dens data kunne ikke slettes. Brug ikke den bærbare; kontakt IT.</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../outreach_desk/ui/sync_status.py" line="41"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/sync_status.py" line="41"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/sync_status.py" line="48"/>
        <source>Sync status</source>
        <translation>Synkroniseringsstatus</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/sync_status.py" line="52"/>
        <source>Last sync: %1</source>
        <translation>Seneste synkronisering: %1</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/sync_status.py" line="54"/>
        <source>Never synchronised</source>
        <translation>Aldrig synkroniseret</translation>
    </message>
    <message numerus="yes">
        <location filename="../../outreach_desk/ui/sync_status.py" line="56"/>
        <source>%Ln change(s) waiting to sync</source>
        <translation>
            <numerusform>%Ln ændring venter på synkronisering</numerusform>
            <numerusform>%Ln ændringer venter på synkronisering</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../outreach_desk/ui/sync_status.py" line="58"/>
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n konflikt</numerusform>
            <numerusform>%n konflikter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../outreach_desk/ui/sync_status.py" line="60"/>
        <source>%n rejected</source>
        <translation>
            <numerusform>%n afvist</numerusform>
            <numerusform>%n afvist</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamLeadScreens</name>
    <message>
        <location filename="../../outreach_desk/ui/team_lead.py" line="70"/>
        <source>Saved %1</source>
        <translation>Gemt: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../outreach_desk/ui/team_lead.py" line="125"/>
        <source>Returned notes (%n)</source>
        <translation>
            <numerusform>Returnerede notater (%n)</numerusform>
            <numerusform>Returnerede notater (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/team_lead.py" line="125"/>
        <source>Returned notes</source>
        <translation>Returnerede notater</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/team_lead.py" line="128"/>
        <source>Review</source>
        <translation>Gennemgang</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/team_lead.py" line="129"/>
        <source>Oversight</source>
        <translation>Ledelsestilsyn</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/team_lead.py" line="130"/>
        <source>Effect</source>
        <translation>Effekt</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/team_lead.py" line="131"/>
        <source>E&amp;xport</source>
        <translation>E&amp;ksport</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/team_lead.py" line="132"/>
        <source>The citizen&apos;s plan as PDF (“Min plan”)…</source>
        <translation>Borgerens plan som PDF (“Min plan”)…</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/team_lead.py" line="133"/>
        <source>The citizen&apos;s access log (PDF or CSV)…</source>
        <translation>Borgerens log over opslag (PDF eller CSV)…</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="236"/>
        <source>Outreach Desk is locked</source>
        <translation>Outreach Desk er låst</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="238"/>
        <source>Signed in as %1</source>
        <translation>Logget ind som %1</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="240"/>
        <source>&amp;Passphrase</source>
        <translation>&amp;Adgangskode</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="241"/>
        <source>Passphrase</source>
        <translation>Adgangskode</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="242"/>
        <source>Unlock</source>
        <translation>Lås op</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="243"/>
        <location filename="../../outreach_desk/ui/unlock.py" line="244"/>
        <source>Forgot passphrase?</source>
        <translation>Glemt adgangskode?</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="299"/>
        <source>The passphrase is not correct.</source>
        <translation>Adgangskoden er ikke korrekt.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../outreach_desk/ui/unlock.py" line="301"/>
        <source>You can try again in %n second(s).</source>
        <translation>
            <numerusform>Du kan prøve igen om %n sekund.</numerusform>
            <numerusform>Du kan prøve igen om %n sekunder.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="326"/>
        <source>Forgot passphrase</source>
        <translation>Glemt adgangskode</translation>
    </message>
    <message>
        <location filename="../../outreach_desk/ui/unlock.py" line="328"/>
        <source>The passphrase cannot be recovered or reset: nobody, not even IT, can open the encrypted data on this laptop without it.

What is safe: everything that was synchronised is stored on the central server. Ask IT to give this laptop a new profile and enrol it again; your synchronised citizens, plans and notes come back at the next sync.

What is lost: changes made on this laptop since the last sync.</source>
        <translation>Adgangskoden kan ikke gendannes eller nulstilles: ingen, heller ikke it-afdelingen, kan åbne de krypterede data på denne computer uden den.

Det er sikkert: alt, der er synkroniseret, ligger på den centrale server. Bed it-afdelingen om at give computeren en ny profil og tilmelde den igen; dine synkroniserede borgere, planer og notater kommer tilbage ved næste synkronisering.

Det går tabt: ændringer foretaget på denne computer siden seneste synkronisering.</translation>
    </message>
</context>
</TS>
