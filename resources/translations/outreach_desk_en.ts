<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CaseloadPanel</name>
    <message numerus="yes">
        <location filename="../../outreach_desk/ui/caseload_panel.py" line="151"/>
        <source>%Ln citizen(s)</source>
        <translation>
            <numerusform>%Ln citizen</numerusform>
            <numerusform>%Ln citizens</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirstRunScreen</name>
    <message numerus="yes">
        <location filename="../../outreach_desk/ui/unlock.py" line="153"/>
        <source>The passphrase must be at least %n characters long.</source>
        <translation>
            <numerusform>The passphrase must be at least %n characters long.</numerusform>
            <numerusform>The passphrase must be at least %n characters long.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../outreach_desk/ui/main_window.py" line="249"/>
        <source>Conflicts (%n)</source>
        <translation>
            <numerusform>Conflicts (%n)</numerusform>
            <numerusform>Conflicts (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewQueueView</name>
    <message numerus="yes">
        <location filename="../../outreach_desk/ui/review_queue.py" line="492"/>
        <source>%n awaiting review</source>
        <translation>
            <numerusform>%n awaiting review</numerusform>
            <numerusform>%n awaiting review</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message numerus="yes">
        <location filename="../../outreach_desk/ui/sync_status.py" line="56"/>
        <source>%Ln change(s) waiting to sync</source>
        <translation>
            <numerusform>%Ln change waiting to sync</numerusform>
            <numerusform>%Ln changes waiting to sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../outreach_desk/ui/sync_status.py" line="58"/>
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../outreach_desk/ui/sync_status.py" line="60"/>
        <source>%n rejected</source>
        <translation>
            <numerusform>%n rejected</numerusform>
            <numerusform>%n rejected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamLeadScreens</name>
    <message numerus="yes">
        <location filename="../../outreach_desk/ui/team_lead.py" line="125"/>
        <source>Returned notes (%n)</source>
        <translation>
            <numerusform>Returned notes (%n)</numerusform>
            <numerusform>Returned notes (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message numerus="yes">
        <location filename="../../outreach_desk/ui/unlock.py" line="301"/>
        <source>You can try again in %n second(s).</source>
        <translation>
            <numerusform>You can try again in %n second.</numerusform>
            <numerusform>You can try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
</TS>
