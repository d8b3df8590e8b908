<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>OperationCommand</name>
    <message>
        <source>Add shot %1</source>
        <translation>Einstellung %1 hinzufügen</translation>
    </message>
    <message>
        <source>Delete shot %1</source>
        <translation>Einstellung %1 löschen</translation>
    </message>
    <message>
        <source>Move shot %1 to %2</source>
        <translation>Einstellung %1 nach %2 verschieben</translation>
    </message>
    <message>
        <source>Edit shot %1</source>
        <translation>Einstellung %1 bearbeiten</translation>
    </message>
    <message>
        <source>Add character %1</source>
        <translation>Figur %1 hinzufügen</translation>
    </message>
    <message>
        <source>Delete character %1</source>
        <translation>Figur %1 löschen</translation>
    </message>
    <message>
        <source>Rename character to %1</source>
        <translation>Figur in %1 umbenennen</translation>
    </message>
    <message>
        <source>Edit character %1</source>
        <translation>Figur %1 bearbeiten</translation>
    </message>
    <message>
        <source>Change project settings</source>
        <translation>Projekteinstellungen ändern</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
</context>
<context>
    <name>kinora::ui::CharactersPanel</name>
    <message>
        <source>Add character</source>
        <translation>Figur hinzufügen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>In the model&apos;s words: a size (small, big), a colour (red, orange, yellow, green, blue, purple, pink, white) and a shape (ball, square, triangle, star, ring, cross).</source>
        <translation>In den englischen Wörtern des Modells: eine Größe (small, big), eine Farbe (red, orange, yellow, green, blue, purple, pink, white) und eine Form (ball, square, triangle, star, ring, cross).</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Aussehen</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>Auswählen …</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Without a reference image the model is shown the character drawn from its appearance words.</source>
        <translation>Ohne Referenzbild wird dem Modell die Figur so gezeigt, wie ihre Aussehen-Wörter sie zeichnen.</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>How the model is shown this character</source>
        <translation>So wird dem Modell diese Figur gezeigt</translation>
    </message>
    <message>
        <source>Look</source>
        <translation>Ansicht</translation>
    </message>
    <message>
        <source>Reference image</source>
        <translation>Referenzbild</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>cannot draw</source>
        <translation>nicht darstellbar</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>The whole cut (selected takes, in storyboard order)</source>
        <translation>Der ganze Schnitt (gewählte Takes in Storyboard-Reihenfolge)</translation>
    </message>
    <message>
        <source>The selected shot&apos;s take</source>
        <translation>Der Take der gewählten Einstellung</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>H.264 MP4 (yuv420p, BT.709)</source>
        <translation>H.264-MP4 (yuv420p, BT.709)</translation>
    </message>
    <message>
        <source>PNG sequence (lossless)</source>
        <translation>PNG-Sequenz (verlustfrei)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>H.264 video (*.mp4)</source>
        <translation>H.264-Video (*.mp4)</translation>
    </message>
    <message>
        <source>Export frames into</source>
        <translation>Einzelbilder exportieren nach</translation>
    </message>
    <message>
        <source>The cut as a timeline for editing software</source>
        <translation>Der Schnitt als Zeitleiste für Schnittprogramme</translation>
    </message>
    <message>
        <source>FCPXML 1.10 (Final Cut, Resolve)</source>
        <translation>FCPXML 1.10 (Final Cut, Resolve)</translation>
    </message>
    <message>
        <source>FCP7 XML (Premiere, Resolve)</source>
        <translation>FCP7-XML (Premiere, Resolve)</translation>
    </message>
    <message>
        <source>CMX3600 EDL (Avid)</source>
        <translation>CMX3600-EDL (Avid)</translation>
    </message>
    <message>
        <source>Timelines</source>
        <translation>Zeitleisten</translation>
    </message>
    <message>
        <source>The media are conformed to this rate; times are exact frames.</source>
        <translation>Die Medien werden auf diese Bildrate gebracht; alle Zeiten sind exakte Bilder.</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>Bildrate</translation>
    </message>
    <message>
        <source>Export the timeline into</source>
        <translation>Zeitleiste exportieren nach</translation>
    </message>
    <message>
        <source>ProRes 422 HQ (10-bit 4:2:2)</source>
        <translation>ProRes 422 HQ (10 Bit 4:2:2)</translation>
    </message>
    <message>
        <source>DNxHR HQ (8-bit 4:2:2)</source>
        <translation>DNxHR HQ (8 Bit 4:2:2)</translation>
    </message>
    <message>
        <source>H.264 (4:2:0, small files)</source>
        <translation>H.264 (4:2:0, kleine Dateien)</translation>
    </message>
    <message>
        <source>The media&apos;s codec, in MOV files with a timecode track and reel name.</source>
        <translation>Der Codec der Medien, in MOV-Dateien mit Timecode-Spur und Bandname.</translation>
    </message>
    <message>
        <source>Media codec</source>
        <translation>Medien-Codec</translation>
    </message>
    <message>
        <source>The canvas size</source>
        <translation>Die Größe der Leinwand</translation>
    </message>
    <message>
        <source>%1 lines high</source>
        <translation>%1 Zeilen hoch</translation>
    </message>
    <message>
        <source>Upscales the media on export; the width keeps the canvas proportions.</source>
        <translation>Skaliert die Medien beim Export hoch; die Breite folgt den Proportionen der Leinwand.</translation>
    </message>
    <message>
        <source>Media size</source>
        <translation>Mediengröße</translation>
    </message>
    <message>
        <source>Lanczos (sharp)</source>
        <translation>Lanczos (scharf)</translation>
    </message>
    <message>
        <source>Bicubic (smooth)</source>
        <translation>Bikubisch (weich)</translation>
    </message>
    <message>
        <source>Nearest (hard pixels)</source>
        <translation>Nächster Nachbar (harte Pixel)</translation>
    </message>
    <message>
        <source>Upscaling filter</source>
        <translation>Hochskalierungsfilter</translation>
    </message>
    <message>
        <source>ProRes 422 HQ MOV (10-bit 4:2:2)</source>
        <translation>ProRes 422 HQ MOV (10 Bit 4:2:2)</translation>
    </message>
    <message>
        <source>DNxHR HQ MOV (at least 256 x 120)</source>
        <translation>DNxHR HQ MOV (mindestens 256 x 120)</translation>
    </message>
    <message>
        <source>QuickTime video (*.mov)</source>
        <translation>QuickTime-Video (*.mov)</translation>
    </message>
    <message>
        <source>OpenTimelineIO (Resolve, Premiere)</source>
        <translation>OpenTimelineIO (Resolve, Premiere)</translation>
    </message>
    <message>
        <source>Kdenlive project</source>
        <translation>Kdenlive-Projekt</translation>
    </message>
    <message>
        <source>Shotcut project</source>
        <translation>Shotcut-Projekt</translation>
    </message>
    <message>
        <source>MLT XML (melt)</source>
        <translation>MLT-XML (melt)</translation>
    </message>
    <message>
        <source>Where it is written</source>
        <translation>Wo es geschrieben wird</translation>
    </message>
    <message>
        <source>Where the editing machine will see the export folder (for example /Volumes/film/edit or D:/film/edit). FCPXML and FCP7 XML name their media there; OpenTimelineIO, EDL, MLT, Kdenlive and Shotcut name them relative to their file, so the folder can be moved as a whole.</source>
        <translation>Wo der Schnittrechner den Exportordner sieht (zum Beispiel /Volumes/film/edit oder D:/film/edit). FCPXML und FCP7-XML nennen ihre Medien dort; OpenTimelineIO, EDL, MLT, Kdenlive und Shotcut nennen sie relativ zu ihrer Datei, sodass der Ordner als Ganzes verschoben werden kann.</translation>
    </message>
    <message>
        <source>Media root</source>
        <translation>Medienstamm</translation>
    </message>
</context>
<context>
    <name>kinora::ui::InferenceWorker</name>
    <message>
        <source>best of %1 tries a window</source>
        <translation>das beste von %1 Versuchen je Fenster</translation>
    </message>
    <message>
        <source>one try a window: %1</source>
        <translation>ein Versuch je Fenster: %1</translation>
    </message>
</context>
<context>
    <name>kinora::ui::LoraText</name>
    <message>
        <source>at most %1 LoRA files</source>
        <translation>höchstens %1 LoRA-Dateien</translation>
    </message>
</context>
<context>
    <name>kinora::ui::MainWindow</name>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>%1 has changes that are not saved. Save them?</source>
        <translation>%1 enthält ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Storyboard</source>
        <translation>Storyboard</translation>
    </message>
    <message>
        <source>Add shot</source>
        <translation>Einstellung hinzufügen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generieren</translation>
    </message>
    <message>
        <source>Generate missing</source>
        <translation>Fehlende generieren</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>Figuren</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New project</source>
        <translation>&amp;Neues Projekt</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>Ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save &amp;as...</source>
        <translation>Speichern &amp;unter …</translation>
    </message>
    <message>
        <source>&amp;Export...</source>
        <translation>&amp;Exportieren …</translation>
    </message>
    <message>
        <source>Se&amp;ttings...</source>
        <translation>&amp;Optionen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Add &amp;shot</source>
        <translation>Ein&amp;stellung hinzufügen</translation>
    </message>
    <message>
        <source>Add &amp;character</source>
        <translation>&amp;Figur hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Generieren</translation>
    </message>
    <message>
        <source>&amp;Generate selected shots</source>
        <translation>Gewählte Einstellungen &amp;generieren</translation>
    </message>
    <message>
        <source>Generate &amp;missing shots</source>
        <translation>&amp;Fehlende Einstellungen generieren</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Play / pause</source>
        <translation>&amp;Wiedergabe / Pause</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Kinora Studio</source>
        <translation>&amp;Über Kinora Studio</translation>
    </message>
    <message>
        <source>About Kinora Studio</source>
        <translation>Über Kinora Studio</translation>
    </message>
    <message>
        <source>Kinora Studio %1
AI video generation on your own machine.</source>
        <translation>Kinora Studio %1
KI-Videogenerierung auf dem eigenen Rechner.</translation>
    </message>
    <message>
        <source>%1[*] - Kinora Studio</source>
        <translation>%1[*] – Kinora Studio</translation>
    </message>
    <message>
        <source>Shot %1 has no take yet: press Generate.</source>
        <translation>Einstellung %1 hat noch keinen Take: „Generieren“ drücken.</translation>
    </message>
    <message>
        <source>Shot %1, frame %2</source>
        <translation>Einstellung %1, Bild %2</translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n shots</source>
        <translation>
            <numerusform>%n Einstellung duplizieren</numerusform>
            <numerusform>%n Einstellungen duplizieren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n shots</source>
        <translation>
            <numerusform>%n Einstellung löschen</numerusform>
            <numerusform>%n Einstellungen löschen</numerusform>
        </translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>Kinora projects (*.kinora)</source>
        <translation>Kinora-Projekte (*.kinora)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>Projekt speichern unter</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>Ungespeicherte Arbeit wiederherstellen</translation>
    </message>
    <message>
        <source>Kinora Studio did not close properly last time. Restore the autosaved project from %1?</source>
        <translation>Kinora Studio wurde beim letzten Mal nicht ordnungsgemäß beendet. Das automatisch gespeicherte Projekt vom %1 wiederherstellen?</translation>
    </message>
    <message>
        <source>Restored the autosaved project; save it to keep it.</source>
        <translation>Automatisch gespeichertes Projekt wiederhergestellt; zum Behalten speichern.</translation>
    </message>
    <message>
        <source>Cannot use %1 as an image: %2</source>
        <translation>%1 kann nicht als Bild verwendet werden: %2</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Cannot copy %1 into the project</source>
        <translation>%1 kann nicht ins Projekt kopiert werden</translation>
    </message>
    <message numerus="yes">
        <source>Add %n image shots</source>
        <translation>
            <numerusform>%n Bild-Einstellung hinzufügen</numerusform>
            <numerusform>%n Bild-Einstellungen hinzufügen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n image-to-video shots: write what happens, then Generate.</source>
        <translation>
            <numerusform>%n Bild-zu-Video-Einstellung hinzugefügt: beschreiben, was passiert, dann generieren.</numerusform>
            <numerusform>%n Bild-zu-Video-Einstellungen hinzugefügt: beschreiben, was passiert, dann generieren.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose where to export to.</source>
        <translation>Ziel für den Export wählen.</translation>
    </message>
    <message>
        <source>Shot %1 has no take yet: generate it first.</source>
        <translation>Einstellung %1 hat noch keinen Take: zuerst generieren.</translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation>Export nicht möglich: %1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Model %1 (%2 M parameters)</source>
        <translation>Modell %1 (%2 Mio. Parameter)</translation>
    </message>
    <message>
        <source>The model could not be loaded: %1</source>
        <translation>Das Modell konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Every shot has a take.</source>
        <translation>Jede Einstellung hat einen Take.</translation>
    </message>
    <message>
        <source>Shot %1 mentions @%2, who is not a character of this project. Add the character or fix the name, then generate again.</source>
        <translation>Einstellung %1 nennt @%2, aber diese Figur gibt es im Projekt nicht. Figur anlegen oder Namen korrigieren, dann erneut generieren.</translation>
    </message>
    <message>
        <source>The clip was made but could not be stored: %1</source>
        <translation>Der Clip wurde erzeugt, konnte aber nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The shot was deleted while it was generated; its clip is kept in the media folder.</source>
        <translation>Die Einstellung wurde während der Generierung gelöscht; ihr Clip liegt im Medienordner.</translation>
    </message>
    <message>
        <source>Kinora Studio</source>
        <translation>Kinora Studio</translation>
    </message>
    <message>
        <source>Choose at least one timeline format.</source>
        <translation>Mindestens ein Zeitleistenformat wählen.</translation>
    </message>
    <message>
        <source>Exporting the timeline to %1...</source>
        <translation>Zeitleiste wird nach %1 exportiert …</translation>
    </message>
    <message>
        <source>Exported the timeline and its media to %1</source>
        <translation>Zeitleiste und Medien nach %1 exportiert</translation>
    </message>
    <message>
        <source>Content credentials: %1 (the local test certificate signs instead)</source>
        <translation>Inhaltsnachweise: %1 (stattdessen signiert das lokale Testzertifikat)</translation>
    </message>
    <message>
        <source>Check &amp;content credentials...</source>
        <translation>&amp;Inhaltsnachweise prüfen...</translation>
    </message>
    <message>
        <source>The signing certificate was not changed: %1</source>
        <translation>Das Signaturzertifikat wurde nicht geändert: %1</translation>
    </message>
    <message>
        <source>Unreadable: not an MP4 or MOV file.</source>
        <translation>Unlesbar: keine MP4- oder MOV-Datei.</translation>
    </message>
    <message>
        <source>No content credentials: nothing says where this file came from.</source>
        <translation>Keine Inhaltsnachweise: nichts sagt, woher diese Datei stammt.</translation>
    </message>
    <message>
        <source>Invalid: the file changed after it was signed, or its credentials are damaged.</source>
        <translation>Ungültig: Die Datei wurde nach dem Signieren verändert, oder ihre Nachweise sind beschädigt.</translation>
    </message>
    <message>
        <source>Valid, signed by a trusted certificate.</source>
        <translation>Gültig, signiert mit einem vertrauenswürdigen Zertifikat.</translation>
    </message>
    <message>
        <source>Valid, but the signer is not on the trust list.</source>
        <translation>Gültig, aber der Unterzeichner steht nicht auf der Vertrauensliste.</translation>
    </message>
    <message>
        <source>Made with: %1</source>
        <translation>Erstellt mit: %1</translation>
    </message>
    <message>
        <source>Action: %1</source>
        <translation>Aktion: %1</translation>
    </message>
    <message>
        <source>Invisible watermark id: %1</source>
        <translation>ID des unsichtbaren Wasserzeichens: %1</translation>
    </message>
    <message>
        <source>Signed by: %1</source>
        <translation>Signiert von: %1</translation>
    </message>
    <message>
        <source>This build has no content credentials support.</source>
        <translation>Diese Version unterstützt keine Inhaltsnachweise.</translation>
    </message>
    <message>
        <source>Check content credentials</source>
        <translation>Inhaltsnachweise prüfen</translation>
    </message>
    <message>
        <source>Video (*.mp4 *.mov)</source>
        <translation>Video (*.mp4 *.mov)</translation>
    </message>
    <message>
        <source>Content credentials</source>
        <translation>Inhaltsnachweise</translation>
    </message>
    <message>
        <source>Select the shot to export.</source>
        <translation>Wählen Sie die zu exportierende Einstellung.</translation>
    </message>
    <message>
        <source>This build has no FFmpeg: export a PNG sequence.</source>
        <translation>Diese Version hat kein FFmpeg: Exportieren Sie eine PNG-Sequenz.</translation>
    </message>
    <message>
        <source>&amp;Project settings...</source>
        <translation>&amp;Projekteinstellungen …</translation>
    </message>
    <message>
        <source>The project settings were not changed: %1</source>
        <translation>Die Projekteinstellungen wurden nicht geändert: %1</translation>
    </message>
    <message>
        <source>%1 already has three reference pictures; clear them to choose others</source>
        <translation>%1 hat schon drei Referenzbilder; entfernen Sie sie, um andere zu wählen</translation>
    </message>
    <message>
        <source>Shot 1 continues the previous shot, but it is the first shot now: there is nothing before it to continue.</source>
        <translation>Einstellung 1 setzt die vorige fort, ist aber jetzt die erste: Davor gibt es nichts fortzusetzen.</translation>
    </message>
    <message>
        <source>Shot</source>
        <comment>the shot inspector&apos;s title</comment>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Play &amp;backward</source>
        <translation>&amp;Rückwärts abspielen</translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Play &amp;forward</source>
        <translation>&amp;Vorwärts abspielen</translation>
    </message>
    <message>
        <source>Opened %1: %2, %3</source>
        <translation>%1 geöffnet: %2, %3</translation>
    </message>
    <message numerus="yes">
        <source>%n shots</source>
        <translation>
            <numerusform>%n Einstellung</numerusform>
            <numerusform>%n Einstellungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n characters</source>
        <translation>
            <numerusform>%n Figur</numerusform>
            <numerusform>%n Figuren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shots have no take yet (%1).</source>
        <translation>
            <numerusform>%n Einstellung hat noch keinen Take (%1).</numerusform>
            <numerusform>%n Einstellungen haben noch keinen Take (%1).</numerusform>
        </translation>
    </message>
    <message>
        <source>Generate them now and export when they are done?</source>
        <translation>Jetzt generieren und exportieren, sobald sie fertig sind?</translation>
    </message>
    <message>
        <source>Nothing was exported: %1</source>
        <translation>Nichts exportiert: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n frames to %1...</source>
        <translation>
            <numerusform>%n Bild wird nach %1 exportiert …</numerusform>
            <numerusform>%n Bilder werden nach %1 exportiert …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n steps; nothing was changed.</source>
        <translation>
            <numerusform>Nach %n Schritt abgebrochen; nichts wurde geändert.</numerusform>
            <numerusform>Nach %n Schritten abgebrochen; nichts wurde geändert.</numerusform>
        </translation>
    </message>
    <message>
        <source>the model could not be loaded</source>
        <translation>das Modell konnte nicht geladen werden</translation>
    </message>
    <message>
        <source>Shot %1 has no prompt: write what happens in it, then generate.</source>
        <translation>Einstellung %1 hat keinen Prompt: beschreiben, was passiert, dann generieren.</translation>
    </message>
    <message>
        <source>Shot 1 is set to continue the shot before it, but it is the first shot: untick &quot;Continues the previous shot&quot; or move it after another shot.</source>
        <translation>Einstellung 1 soll die vorige fortsetzen, ist aber die erste: „Setzt die vorige Einstellung fort“ abwählen oder sie hinter eine andere verschieben.</translation>
    </message>
    <message>
        <source>Shot %1: %2</source>
        <translation>Einstellung %1: %2</translation>
    </message>
    <message>
        <source>the shot was deleted</source>
        <translation>die Einstellung wurde gelöscht</translation>
    </message>
    <message>
        <source>Shot %1 cannot be generated: %2</source>
        <translation>Einstellung %1 kann nicht generiert werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was exported: %n shots still have no take.</source>
        <translation>
            <numerusform>Nichts exportiert: %n Einstellung hat noch keinen Take.</numerusform>
            <numerusform>Nichts exportiert: %n Einstellungen haben noch keinen Take.</numerusform>
        </translation>
    </message>
    <message>
        <source>for a project that was closed</source>
        <translation>für ein geschlossenes Projekt</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n frames, seed %2, %3</source>
        <translation>
            <numerusform>%1, %n Bild, Seed %2, %3</numerusform>
            <numerusform>%1, %n Bilder, Seed %2, %3</numerusform>
        </translation>
    </message>
    <message>
        <source>the shot was deleted; its clip is in the media folder</source>
        <translation>die Einstellung wurde gelöscht; ihr Clip liegt im Medienordner</translation>
    </message>
    <message>
        <source>Shot %1: denoising</source>
        <translation>Einstellung %1: Entrauschen</translation>
    </message>
    <message>
        <source>Shot %1: starting...</source>
        <translation>Einstellung %1: startet …</translation>
    </message>
    <message numerus="yes">
        <source>Generating shot %1 (%n frames)...</source>
        <translation>
            <numerusform>Einstellung %1 wird generiert (%n Bild) …</numerusform>
            <numerusform>Einstellung %1 wird generiert (%n Bilder) …</numerusform>
        </translation>
    </message>
    <message>
        <source>Shot %1 of %2 in the queue</source>
        <translation>Einstellung %1 von %2 in der Warteschlange</translation>
    </message>
    <message>
        <source>, about %1 left in all</source>
        <translation>, insgesamt noch etwa %1</translation>
    </message>
    <message>
        <source>Generating %1%</source>
        <translation>Generiert %1%</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Save As waits until no shot is generating: let it finish or cancel it, then save as.</source>
        <translation>„Speichern unter“ wartet, bis keine Einstellung mehr generiert wird: fertig werden lassen oder abbrechen, dann speichern.</translation>
    </message>
</context>
<context>
    <name>kinora::ui::PlotsPanel</name>
    <message>
        <source>Denoising</source>
        <translation>Entrauschen</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>The model folder %1 has no training log.</source>
        <translation>Der Modellordner %1 enthält kein Trainingsprotokoll.</translation>
    </message>
    <message>
        <source>Training log of %1: %2</source>
        <translation>Trainingsprotokoll von %1: %2</translation>
    </message>
</context>
<context>
    <name>kinora::ui::PreviewView</name>
    <message>
        <source>frame %1 / %2</source>
        <translation>Bild %1 / %2</translation>
    </message>
    <message>
        <source>Select a shot and press Generate, or drop an image here to start a shot from it.</source>
        <translation>Einstellung wählen und „Generieren“ drücken, oder ein Bild hierher ziehen, um daraus eine Einstellung zu machen.</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ProjectDocument</name>
    <message>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>The project has no file yet: use Save As.</source>
        <translation>Das Projekt hat noch keine Datei: „Speichern unter“ verwenden.</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>%1 kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>Automatisches Speichern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Autosave failed: cannot write %1</source>
        <translation>Automatisches Speichern fehlgeschlagen: %1 nicht schreibbar</translation>
    </message>
    <message>
        <source>Cannot restore %1: its description is missing</source>
        <translation>%1 kann nicht wiederhergestellt werden: die Beschreibung fehlt</translation>
    </message>
    <message>
        <source>Cannot restore %1: %2</source>
        <translation>%1 kann nicht wiederhergestellt werden: %2</translation>
    </message>
    <message>
        <source>Restore autosave</source>
        <translation>Automatische Sicherung wiederherstellen</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ProjectSettingsDialog</name>
    <message>
        <source>Project settings</source>
        <translation>Projekteinstellungen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>The model makes frames in multiples of its grid (16 pixels for the embedded one); takes already made keep their size.</source>
        <translation>Das Modell erzeugt Bilder in Vielfachen seines Rasters (16 Pixel beim eingebauten); bereits erstellte Takes behalten ihre Größe.</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Höhe</translation>
    </message>
    <message>
        <source> fps</source>
        <translation> fps</translation>
    </message>
    <message>
        <source>Shot lengths are kept in frames: another rate changes their seconds.</source>
        <translation>Shot-Längen werden in Bildern gespeichert: eine andere Bildrate ändert ihre Sekunden.</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>Bildrate</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>Modellvorgabe</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>How strongly clips follow their prompt (classifier-free guidance).</source>
        <translation>Wie stark Clips ihrem Prompt folgen (Classifier-free Guidance).</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>Guidance</translation>
    </message>
    <message>
        <source>How much harder a shot that names one character follows the character&apos;s reference look than the model alone would: one more prediction a step.</source>
        <translation>Wie viel stärker ein Shot, der eine Figur nennt, deren Referenzaussehen folgt, als das Modell allein es täte: eine Vorhersage mehr je Schritt.</translation>
    </message>
    <message>
        <source>Reference strength</source>
        <translation>Referenzstärke</translation>
    </message>
    <message>
        <source>Applies to the takes generated from now on; one undo step.</source>
        <translation>Gilt für die ab jetzt erzeugten Takes; ein Rückgängig-Schritt.</translation>
    </message>
    <message>
        <source>Denoising steps per clip: more is slower and, up to a point, cleaner.</source>
        <translation>Entrauschungsschritte je Clip: mehr ist langsamer und bis zu einem gewissen Grad sauberer.</translation>
    </message>
    <message>
        <source>Studio default</source>
        <translation>Studio-Vorgabe</translation>
    </message>
    <message>
        <source>The model this project&apos;s shots are made with (Settings lists the models).</source>
        <translation>Das Modell, mit dem die Einstellungen dieses Projekts erzeugt werden (die Einstellungen listen die Modelle).</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>The canvases the loaded model is made for.</source>
        <translation>Die Leinwände, für die das geladene Modell gemacht ist.</translation>
    </message>
    <message>
        <source>Canvas preset</source>
        <translation>Leinwandvorlage</translation>
    </message>
    <message>
        <source>%1 (%2x%3)</source>
        <translation>%1 (%2x%3)</translation>
    </message>
    <message>
        <source>FILE[:STRENGTH]; ... (Wan models)</source>
        <translation>DATEI[:STÄRKE]; ... (Wan-Modelle)</translation>
    </message>
    <message>
        <source>LoRA files merged into a Wan model&apos;s denoiser for every shot (each shot may add its own): a path, absolute or inside the project folder, and a strength from -4 to 4 (1 when left out), separated by semicolons.</source>
        <translation>LoRA-Dateien, die für jede Einstellung in den Entrauscher eines Wan-Modells eingerechnet werden (jede Einstellung kann eigene hinzufügen): ein Pfad, absolut oder im Projektordner, und eine Stärke von -4 bis 4 (ohne Angabe 1), durch Semikolons getrennt.</translation>
    </message>
    <message>
        <source>LoRA files</source>
        <translation>LoRA-Dateien</translation>
    </message>
    <message>
        <source>Crop to fill the canvas</source>
        <translation>Zuschneiden, um die Fläche zu füllen</translation>
    </message>
    <message>
        <source>Keep whole, with bars (Wan VACE paints them)</source>
        <translation>Ganz behalten, mit Balken (Wan VACE malt sie aus)</translation>
    </message>
    <message>
        <source>How first and last images of another shape meet the canvas.</source>
        <translation>Wie erste und letzte Bilder mit anderem Seitenverhältnis auf die Fläche kommen.</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
</context>
<context>
    <name>kinora::ui::PromptEditor</name>
    <message>
        <source>Describe the shot, e.g. @Pip bounces on the beach at night</source>
        <translation>Einstellung beschreiben (auf Englisch), z. B. @Pip bounces on the beach at night</translation>
    </message>
</context>
<context>
    <name>kinora::ui::QueuePanel</name>
    <message>
        <source>Cancel job</source>
        <translation>Auftrag abbrechen</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Beendete entfernen</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <source>step %1 / %2</source>
        <translation>Schritt %1 / %2</translation>
    </message>
    <message>
        <source>, window %1 of %2</source>
        <translation>, Fenster %1 von %2</translation>
    </message>
    <message>
        <source>, %1 left</source>
        <translation>, noch %1</translation>
    </message>
    <message>
        <source>done in %1</source>
        <translation>fertig in %1</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Shot %1</source>
        <translation>Einstellung %1</translation>
    </message>
    <message>
        <source>A deleted shot</source>
        <translation>Eine gelöschte Einstellung</translation>
    </message>
    <message>
        <source>%1 - %2</source>
        <translation>%1 – %2</translation>
    </message>
</context>
<context>
    <name>kinora::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Autosave every</source>
        <translation>Automatisch speichern alle</translation>
    </message>
    <message>
        <source>Built-in list</source>
        <translation>Eingebaute Liste</translation>
    </message>
    <message>
        <source>Prompts with words of this list are refused before anything is generated (JSON: categories with their words).</source>
        <translation>Prompts mit Wörtern dieser Liste werden abgelehnt, bevor etwas generiert wird (JSON: Kategorien mit ihren Wörtern).</translation>
    </message>
    <message>
        <source>Prompt word list</source>
        <translation>Prompt-Wortliste</translation>
    </message>
    <message>
        <source>Word lists (*.json)</source>
        <translation>Wortlisten (*.json)</translation>
    </message>
    <message>
        <source>Local test certificate</source>
        <translation>Lokales Testzertifikat</translation>
    </message>
    <message>
        <source>Signing certificate</source>
        <translation>Signaturzertifikat</translation>
    </message>
    <message>
        <source>PEM certificate chain (*.pem *.crt)</source>
        <translation>PEM-Zertifikatskette (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Signs the content credentials (C2PA) of every video the studio writes: your certificate first, then its issuers. Empty: a local test CA made on first use.</source>
        <translation>Signiert die Inhaltsnachweise (C2PA) jedes Videos, das das Studio schreibt: zuerst Ihr Zertifikat, dann seine Aussteller. Leer: eine lokale Test-CA, beim ersten Gebrauch erstellt.</translation>
    </message>
    <message>
        <source>Its private key</source>
        <translation>Sein privater Schlüssel</translation>
    </message>
    <message>
        <source>PEM EC key (*.pem *.key)</source>
        <translation>PEM-EC-Schlüssel (*.pem *.key)</translation>
    </message>
    <message>
        <source>1 (off)</source>
        <translation>1 (aus)</translation>
    </message>
    <message>
        <source>Shots that name a character are made this many times a window, and the try whose character is closest to its reference look is kept. Takes this many times as long.</source>
        <translation>Einstellungen, die eine Figur nennen, werden je Fenster so oft erzeugt, und der Versuch, dessen Figur ihrem Referenzbild am nächsten kommt, wird behalten. Dauert entsprechend länger.</translation>
    </message>
    <message>
        <source>Tries per window</source>
        <translation>Versuche je Fenster</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familie</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>On disk</source>
        <translation>Auf der Festplatte</translation>
    </message>
    <message>
        <source>Memory needed</source>
        <translation>Benötigter Speicher</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Add folder...</source>
        <translation>Ordner hinzufügen …</translation>
    </message>
    <message>
        <source>Add files...</source>
        <translation>Dateien hinzufügen …</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Model files</source>
        <translation>Modelldateien</translation>
    </message>
    <message>
        <source>Weights and tokenizers (*.safetensors *.pth *.pt *.bin *.model)</source>
        <translation>Gewichte und Tokenizer (*.safetensors *.pth *.pt *.bin *.model)</translation>
    </message>
    <message>
        <source>Model, threads, device and word list apply when the model is next loaded. A project can name its own model (Project settings).</source>
        <translation>Modell, Threads, Gerät und Wortliste gelten, sobald das Modell das nächste Mal geladen wird. Ein Projekt kann ein eigenes Modell nennen (Projekteinstellungen).</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>Embedded (kinora-tiny)</source>
        <translation>Eingebaut (kinora-tiny)</translation>
    </message>
    <message>
        <source>%1 (%2 free)</source>
        <translation>%1 (%2 frei)</translation>
    </message>
    <message>
        <source>missing: %1</source>
        <translation>fehlt: %1</translation>
    </message>
    <message>
        <source>too large for this machine&apos;s free memory</source>
        <translation>zu groß für den freien Speicher dieses Rechners</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA-GPU</translation>
    </message>
    <message>
        <source>This build or machine has no CUDA GPU: models run on the CPU.</source>
        <translation>Diese Version oder dieser Rechner hat keine CUDA-GPU: Modelle laufen auf der CPU.</translation>
    </message>
    <message>
        <source>Automatic (the free cores of %1)</source>
        <translation>Automatisch (freie Kerne von %1)</translation>
    </message>
    <message>
        <source>Automatic uses the cores other programs leave free, measured again while it generates, so a build or a browser beside the studio does not slow it down. A number fixes the threads.</source>
        <translation>Automatisch nutzt die Kerne, die andere Programme frei lassen, und misst sie auch während der Generierung neu, damit ein Build oder ein Browser neben dem Studio es nicht ausbremst. Eine Zahl legt die Threads fest.</translation>
    </message>
    <message>
        <source>Embedded, fast (%1)</source>
        <translation>Eingebaut, schnell (%1)</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ShotCardDelegate</name>
    <message>
        <source>not generated</source>
        <translation>nicht generiert</translation>
    </message>
    <message>
        <source>Shot %1</source>
        <translation>Einstellung %1</translation>
    </message>
    <message>
        <source>(no prompt)</source>
        <translation>(kein Prompt)</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ShotInspector</name>
    <message>
        <source>What to avoid (optional)</source>
        <translation>Was vermieden werden soll (optional)</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>Negativ</translation>
    </message>
    <message>
        <source> frames</source>
        <translation> Bilder</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Draw a new random seed</source>
        <translation>Neuen zufälligen Seed ziehen</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>Auswählen …</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Last frame</source>
        <translation>Letztes Bild</translation>
    </message>
    <message>
        <source>First frame</source>
        <translation>Erstes Bild</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>Continues the previous shot</source>
        <translation>Setzt die vorige Einstellung fort</translation>
    </message>
    <message>
        <source>Generate shot</source>
        <translation>Einstellung generieren</translation>
    </message>
    <message>
        <source>No shot selected</source>
        <translation>Keine Einstellung gewählt</translation>
    </message>
    <message>
        <source>Shot %1</source>
        <translation>Einstellung %1</translation>
    </message>
    <message>
        <source>Unknown character: %1. Add it in Characters or fix the name.</source>
        <translation>Unbekannte Figur: %1. Unter „Figuren“ anlegen oder Namen korrigieren.</translation>
    </message>
    <message>
        <source>%1 s at %2 fps</source>
        <translation>%1 s bei %2 fps</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>noch keiner</translation>
    </message>
    <message>
        <source>FILE[:STRENGTH]; ... (Wan models)</source>
        <translation>DATEI[:STÄRKE]; ... (Wan-Modelle)</translation>
    </message>
    <message>
        <source>LoRA files for this shot, after the project&apos;s: a path and a strength from -4 to 4, separated by semicolons.</source>
        <translation>LoRA-Dateien für diese Einstellung, nach denen des Projekts: ein Pfad und eine Stärke von -4 bis 4, durch Semikolons getrennt.</translation>
    </message>
    <message>
        <source>LoRA files</source>
        <translation>LoRA-Dateien</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>Locked: generating again makes the same take. Unlocked: each new take of a shot that has one is a variation with a new seed.</source>
        <translation>Gesperrt: erneutes Generieren ergibt denselben Take. Offen: Jeder neue Take einer Einstellung, die schon einen hat, ist eine Variante mit neuem Seed.</translation>
    </message>
    <message>
        <source>The shot&apos;s takes, newest first: click one to use it in the cut</source>
        <translation>Die Takes der Einstellung, neueste zuerst: Klick wählt den Take für den Schnitt</translation>
    </message>
    <message>
        <source>Takes</source>
        <translation>Takes</translation>
    </message>
    <message>
        <source>Write what happens in this shot: an empty prompt is not generated.</source>
        <translation>Beschreiben, was in dieser Einstellung passiert: Ein leerer Prompt wird nicht generiert.</translation>
    </message>
    <message>
        <source>This is the first shot now: there is no shot before it to continue. Untick &quot;Continues the previous shot&quot; or move it.</source>
        <translation>Dies ist jetzt die erste Einstellung: Davor gibt es keine fortzusetzende. „Setzt die vorige Einstellung fort“ abwählen oder sie verschieben.</translation>
    </message>
    <message>
        <source>The first shot has no shot before it to continue.</source>
        <translation>Vor der ersten Einstellung gibt es keine fortzusetzende.</translation>
    </message>
    <message>
        <source>%1
seed %2</source>
        <translation>%1
Seed %2</translation>
    </message>
    <message>
        <source>%1: seed %2, %3 steps, made %4</source>
        <translation>%1: Seed %2, %3 Schritte, erstellt %4</translation>
    </message>
    <message>
        <source>%1 does not make &quot;%2&quot; shots.</source>
        <translation>%1 erstellt keine Einstellungen als „%2“.</translation>
    </message>
    <message>
        <source>%1 does not make &quot;%2&quot; shots; it makes: %3. Choose another mode, or another model in the project&apos;s settings.</source>
        <translation>%1 erstellt keine Einstellungen als „%2“; es erstellt: %3. Wählen Sie einen anderen Modus oder in den Projekteinstellungen ein anderes Modell.</translation>
    </message>
    <message>
        <source>%1 does not continue shots.</source>
        <translation>%1 setzt keine Einstellungen fort.</translation>
    </message>
</context>
<context>
    <name>kinora::ui::StepPlot</name>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>prediction change</source>
        <translation>Δ Vorhersage</translation>
    </message>
</context>
<context>
    <name>kinora::ui::StoryboardModel</name>
    <message>
        <source>Text to video</source>
        <translation>Text zu Video</translation>
    </message>
    <message>
        <source>Image to video</source>
        <translation>Bild zu Video</translation>
    </message>
    <message>
        <source>Extend forward</source>
        <translation>Nach vorn verlängern</translation>
    </message>
    <message>
        <source>Extend backward</source>
        <translation>Nach hinten verlängern</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>Schleife</translation>
    </message>
    <message>
        <source>Shot %1: %2</source>
        <translation>Einstellung %1: %2</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Move shot</source>
        <translation>Einstellung verschieben</translation>
    </message>
    <message numerus="yes">
        <source>Move %n shots</source>
        <translation>
            <numerusform>%n Einstellung verschieben</numerusform>
            <numerusform>%n Einstellungen verschieben</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kinora::ui::TimelinePanel</name>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Zoom (Ctrl+wheel on the timeline)</source>
        <translation>Zoom (Strg+Mausrad auf der Zeitleiste)</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>%1 / %2 (%3 fps)</source>
        <translation>%1 / %2 (%3 fps)</translation>
    </message>
    <message>
        <source>Play or pause the cut (Space; J backward, K pause, L forward)</source>
        <translation>Schnitt abspielen oder pausieren (Leertaste; J rückwärts, K Pause, L vorwärts)</translation>
    </message>
</context>
<context>
    <name>kinora::ui::TimelineView</name>
    <message>
        <source>%1 (no take)</source>
        <translation>%1 (kein Take)</translation>
    </message>
</context>
</TS>
