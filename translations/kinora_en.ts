<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>kinora::ui::MainWindow</name>
    <message numerus="yes">
        <source>Duplicate %n shots</source>
        <translation>
            <numerusform>Duplicate %n shot</numerusform>
            <numerusform>Duplicate %n shots</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n shots</source>
        <translation>
            <numerusform>Delete %n shot</numerusform>
            <numerusform>Delete %n shots</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shots</source>
        <translation>
            <numerusform>%n shot</numerusform>
            <numerusform>%n shots</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n characters</source>
        <translation>
            <numerusform>%n character</numerusform>
            <numerusform>%n characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n image shots</source>
        <translation>
            <numerusform>Add %n image shot</numerusform>
            <numerusform>Add %n image shots</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n image-to-video shots: write what happens, then Generate.</source>
        <translation>
            <numerusform>Added %n image-to-video shot: write what happens, then Generate.</numerusform>
            <numerusform>Added %n image-to-video shots: write what happens, then Generate.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shots have no take yet (%1).</source>
        <translation>
            <numerusform>%n shot has no take yet (%1).</numerusform>
            <numerusform>%n shots have no take yet (%1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n frames to %1...</source>
        <translation>
            <numerusform>Exporting %n frame to %1...</numerusform>
            <numerusform>Exporting %n frames to %1...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n steps; nothing was changed.</source>
        <translation>
            <numerusform>Cancelled after %n step; nothing was changed.</numerusform>
            <numerusform>Cancelled after %n steps; nothing was changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing was exported: %n shots still have no take.</source>
        <translation>
            <numerusform>Nothing was exported: %n shot still has no take.</numerusform>
            <numerusform>Nothing was exported: %n shots still have no take.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n frames, seed %2, %3</source>
        <translation>
            <numerusform>%1, %n frame, seed %2, %3</numerusform>
            <numerusform>%1, %n frames, seed %2, %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Generating shot %1 (%n frames)...</source>
        <translation>
            <numerusform>Generating shot %1 (%n frame)...</numerusform>
            <numerusform>Generating shot %1 (%n frames)...</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kinora::ui::StoryboardModel</name>
    <message numerus="yes">
        <source>Move %n shots</source>
        <translation>
            <numerusform>Move %n shot</numerusform>
            <numerusform>Move %n shots</numerusform>
        </translation>
    </message>
</context>
</TS>
