<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>OperationCommand</name>
    <message>
        <source>Add shot %1</source>
        <translation>Ajouter le plan %1</translation>
    </message>
    <message>
        <source>Delete shot %1</source>
        <translation>Supprimer le plan %1</translation>
    </message>
    <message>
        <source>Move shot %1 to %2</source>
        <translation>Déplacer le plan %1 en %2</translation>
    </message>
    <message>
        <source>Edit shot %1</source>
        <translation>Modifier le plan %1</translation>
    </message>
    <message>
        <source>Add character %1</source>
        <translation>Ajouter le personnage %1</translation>
    </message>
    <message>
        <source>Delete character %1</source>
        <translation>Supprimer le personnage %1</translation>
    </message>
    <message>
        <source>Rename character to %1</source>
        <translation>Renommer le personnage en %1</translation>
    </message>
    <message>
        <source>Edit character %1</source>
        <translation>Modifier le personnage %1</translation>
    </message>
    <message>
        <source>Change project settings</source>
        <translation>Modifier les réglages du projet</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>step</source>
        <translation>étape</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>perte</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>taux d&apos;apprentissage</translation>
    </message>
</context>
<context>
    <name>kinora::ui::CharactersPanel</name>
    <message>
        <source>Add character</source>
        <translation>Ajouter un personnage</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>In the model&apos;s words: a size (small, big), a colour (red, orange, yellow, green, blue, purple, pink, white) and a shape (ball, square, triangle, star, ring, cross).</source>
        <translation>Avec les mots anglais du modèle : une taille (small, big), une couleur (red, orange, yellow, green, blue, purple, pink, white) et une forme (ball, square, triangle, star, ring, cross).</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apparence</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Without a reference image the model is shown the character drawn from its appearance words.</source>
        <translation>Sans image de référence, le modèle voit le personnage dessiné d&apos;après les mots de son apparence.</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Graine</translation>
    </message>
    <message>
        <source>How the model is shown this character</source>
        <translation>Comment le modèle voit ce personnage</translation>
    </message>
    <message>
        <source>Look</source>
        <translation>Aspect</translation>
    </message>
    <message>
        <source>Reference image</source>
        <translation>Image de référence</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</source>
        <translation>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>cannot draw</source>
        <translation>dessin impossible</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>The whole cut (selected takes, in storyboard order)</source>
        <translation>Le montage entier (prises choisies, dans l&apos;ordre du storyboard)</translation>
    </message>
    <message>
        <source>The selected shot&apos;s take</source>
        <translation>La prise du plan sélectionné</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>H.264 MP4 (yuv420p, BT.709)</source>
        <translation>MP4 H.264 (yuv420p, BT.709)</translation>
    </message>
    <message>
        <source>PNG sequence (lossless)</source>
        <translation>Séquence PNG (sans perte)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exporter vers</translation>
    </message>
    <message>
        <source>H.264 video (*.mp4)</source>
        <translation>Vidéo H.264 (*.mp4)</translation>
    </message>
    <message>
        <source>Export frames into</source>
        <translation>Exporter les images dans</translation>
    </message>
    <message>
        <source>The cut as a timeline for editing software</source>
        <translation>Le montage en timeline pour logiciel de montage</translation>
    </message>
    <message>
        <source>FCPXML 1.10 (Final Cut, Resolve)</source>
        <translation>FCPXML 1.10 (Final Cut, Resolve)</translation>
    </message>
    <message>
        <source>FCP7 XML (Premiere, Resolve)</source>
        <translation>XML FCP7 (Premiere, Resolve)</translation>
    </message>
    <message>
        <source>CMX3600 EDL (Avid)</source>
        <translation>EDL CMX3600 (Avid)</translation>
    </message>
    <message>
        <source>Timelines</source>
        <translation>Timelines</translation>
    </message>
    <message>
        <source>The media are conformed to this rate; times are exact frames.</source>
        <translation>Les médias sont conformés à cette cadence ; les temps sont des images exactes.</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>Cadence d&apos;images</translation>
    </message>
    <message>
        <source>Export the timeline into</source>
        <translation>Exporter la timeline dans</translation>
    </message>
    <message>
        <source>ProRes 422 HQ (10-bit 4:2:2)</source>
        <translation>ProRes 422 HQ (10 bits 4:2:2)</translation>
    </message>
    <message>
        <source>DNxHR HQ (8-bit 4:2:2)</source>
        <translation>DNxHR HQ (8 bits 4:2:2)</translation>
    </message>
    <message>
        <source>H.264 (4:2:0, small files)</source>
        <translation>H.264 (4:2:0, fichiers légers)</translation>
    </message>
    <message>
        <source>The media&apos;s codec, in MOV files with a timecode track and reel name.</source>
        <translation>Le codec des médias, en fichiers MOV avec piste de timecode et nom de bobine.</translation>
    </message>
    <message>
        <source>Media codec</source>
        <translation>Codec des médias</translation>
    </message>
    <message>
        <source>The canvas size</source>
        <translation>La taille du canevas</translation>
    </message>
    <message>
        <source>%1 lines high</source>
        <translation>%1 lignes de haut</translation>
    </message>
    <message>
        <source>Upscales the media on export; the width keeps the canvas proportions.</source>
        <translation>Agrandit les médias à l&apos;export ; la largeur garde les proportions du canevas.</translation>
    </message>
    <message>
        <source>Media size</source>
        <translation>Taille des médias</translation>
    </message>
    <message>
        <source>Lanczos (sharp)</source>
        <translation>Lanczos (net)</translation>
    </message>
    <message>
        <source>Bicubic (smooth)</source>
        <translation>Bicubique (doux)</translation>
    </message>
    <message>
        <source>Nearest (hard pixels)</source>
        <translation>Plus proche voisin (pixels nets)</translation>
    </message>
    <message>
        <source>Upscaling filter</source>
        <translation>Filtre d&apos;agrandissement</translation>
    </message>
    <message>
        <source>ProRes 422 HQ MOV (10-bit 4:2:2)</source>
        <translation>ProRes 422 HQ MOV (10 bits 4:2:2)</translation>
    </message>
    <message>
        <source>DNxHR HQ MOV (at least 256 x 120)</source>
        <translation>DNxHR HQ MOV (au moins 256 x 120)</translation>
    </message>
    <message>
        <source>QuickTime video (*.mov)</source>
        <translation>Vidéo QuickTime (*.mov)</translation>
    </message>
    <message>
        <source>OpenTimelineIO (Resolve, Premiere)</source>
        <translation>OpenTimelineIO (Resolve, Premiere)</translation>
    </message>
    <message>
        <source>Kdenlive project</source>
        <translation>Projet Kdenlive</translation>
    </message>
    <message>
        <source>Shotcut project</source>
        <translation>Projet Shotcut</translation>
    </message>
    <message>
        <source>MLT XML (melt)</source>
        <translation>XML MLT (melt)</translation>
    </message>
    <message>
        <source>Where it is written</source>
        <translation>Là où il est écrit</translation>
    </message>
    <message>
        <source>Where the editing machine will see the export folder (for example /Volumes/film/edit or D:/film/edit). FCPXML and FCP7 XML name their media there; OpenTimelineIO, EDL, MLT, Kdenlive and Shotcut name them relative to their file, so the folder can be moved as a whole.</source>
        <translation>Là où la machine de montage verra le dossier d&apos;export (par exemple /Volumes/film/edit ou D:/film/edit). FCPXML et FCP7 XML y nomment leurs médias ; OpenTimelineIO, EDL, MLT, Kdenlive et Shotcut les nomment relativement à leur fichier, le dossier peut donc être déplacé en entier.</translation>
    </message>
    <message>
        <source>Media root</source>
        <translation>Racine des médias</translation>
    </message>
</context>
<context>
    <name>kinora::ui::InferenceWorker</name>
    <message>
        <source>best of %1 tries a window</source>
        <translation>le meilleur de %1 essais par fenêtre</translation>
    </message>
    <message>
        <source>one try a window: %1</source>
        <translation>un essai par fenêtre : %1</translation>
    </message>
</context>
<context>
    <name>kinora::ui::LoraText</name>
    <message>
        <source>at most %1 LoRA files</source>
        <translation>au plus %1 fichiers LoRA</translation>
    </message>
</context>
<context>
    <name>kinora::ui::MainWindow</name>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>%1 has changes that are not saved. Save them?</source>
        <translation>%1 contient des modifications non enregistrées. Les enregistrer ?</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Storyboard</source>
        <translation>Storyboard</translation>
    </message>
    <message>
        <source>Add shot</source>
        <translation>Ajouter un plan</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Générer</translation>
    </message>
    <message>
        <source>Generate missing</source>
        <translation>Générer les manquants</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>Personnages</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>Graphiques</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;New project</source>
        <translation>&amp;Nouveau projet</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Fichiers &amp;récents</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save &amp;as...</source>
        <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
        <source>&amp;Export...</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>Se&amp;ttings...</source>
        <translation>&amp;Réglages…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>Add &amp;shot</source>
        <translation>Ajouter un &amp;plan</translation>
    </message>
    <message>
        <source>Add &amp;character</source>
        <translation>Ajouter un &amp;personnage</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Générer</translation>
    </message>
    <message>
        <source>&amp;Generate selected shots</source>
        <translation>&amp;Générer les plans sélectionnés</translation>
    </message>
    <message>
        <source>Generate &amp;missing shots</source>
        <translation>Générer les plans &amp;manquants</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Play / pause</source>
        <translation>&amp;Lecture / pause</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About Kinora Studio</source>
        <translation>À &amp;propos de Kinora Studio</translation>
    </message>
    <message>
        <source>About Kinora Studio</source>
        <translation>À propos de Kinora Studio</translation>
    </message>
    <message>
        <source>Kinora Studio %1
AI video generation on your own machine.</source>
        <translation>Kinora Studio %1
La génération vidéo par IA sur votre propre machine.</translation>
    </message>
    <message>
        <source>%1[*] - Kinora Studio</source>
        <translation>%1[*] – Kinora Studio</translation>
    </message>
    <message>
        <source>Shot %1 has no take yet: press Generate.</source>
        <translation>Le plan %1 n&apos;a pas encore de prise : cliquez sur Générer.</translation>
    </message>
    <message>
        <source>Shot %1, frame %2</source>
        <translation>Plan %1, image %2</translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n shots</source>
        <translation>
            <numerusform>Dupliquer %n plan</numerusform>
            <numerusform>Dupliquer %n plans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n shots</source>
        <translation>
            <numerusform>Supprimer %n plan</numerusform>
            <numerusform>Supprimer %n plans</numerusform>
        </translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Ouvrir un projet</translation>
    </message>
    <message>
        <source>Kinora projects (*.kinora)</source>
        <translation>Projets Kinora (*.kinora)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 enregistré</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>Enregistrer le projet sous</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>Récupérer le travail non enregistré</translation>
    </message>
    <message>
        <source>Kinora Studio did not close properly last time. Restore the autosaved project from %1?</source>
        <translation>Kinora Studio ne s&apos;est pas fermé correctement la dernière fois. Restaurer le projet enregistré automatiquement le %1 ?</translation>
    </message>
    <message>
        <source>Restored the autosaved project; save it to keep it.</source>
        <translation>Projet enregistré automatiquement restauré ; enregistrez-le pour le garder.</translation>
    </message>
    <message>
        <source>Cannot use %1 as an image: %2</source>
        <translation>Impossible d&apos;utiliser %1 comme image : %2</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>Impossible de créer %1</translation>
    </message>
    <message>
        <source>Cannot copy %1 into the project</source>
        <translation>Impossible de copier %1 dans le projet</translation>
    </message>
    <message numerus="yes">
        <source>Add %n image shots</source>
        <translation>
            <numerusform>Ajouter %n plan depuis une image</numerusform>
            <numerusform>Ajouter %n plans depuis des images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n image-to-video shots: write what happens, then Generate.</source>
        <translation>
            <numerusform>%n plan image vers vidéo ajouté : décrivez ce qui se passe, puis générez.</numerusform>
            <numerusform>%n plans image vers vidéo ajoutés : décrivez ce qui se passe, puis générez.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose where to export to.</source>
        <translation>Choisissez où exporter.</translation>
    </message>
    <message>
        <source>Shot %1 has no take yet: generate it first.</source>
        <translation>Le plan %1 n&apos;a pas encore de prise : générez-le d&apos;abord.</translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation>Export impossible : %1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exporté</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Échec de l&apos;export : %1</translation>
    </message>
    <message>
        <source>Model %1 (%2 M parameters)</source>
        <translation>Modèle %1 (%2 M de paramètres)</translation>
    </message>
    <message>
        <source>The model could not be loaded: %1</source>
        <translation>Le modèle n&apos;a pas pu être chargé : %1</translation>
    </message>
    <message>
        <source>Every shot has a take.</source>
        <translation>Chaque plan a une prise.</translation>
    </message>
    <message>
        <source>Shot %1 mentions @%2, who is not a character of this project. Add the character or fix the name, then generate again.</source>
        <translation>Le plan %1 mentionne @%2, qui n&apos;est pas un personnage de ce projet. Ajoutez le personnage ou corrigez le nom, puis générez à nouveau.</translation>
    </message>
    <message>
        <source>The clip was made but could not be stored: %1</source>
        <translation>Le clip a été créé mais n&apos;a pas pu être enregistré : %1</translation>
    </message>
    <message>
        <source>The shot was deleted while it was generated; its clip is kept in the media folder.</source>
        <translation>Le plan a été supprimé pendant sa génération ; son clip est conservé dans le dossier des médias.</translation>
    </message>
    <message>
        <source>Kinora Studio</source>
        <translation>Kinora Studio</translation>
    </message>
    <message>
        <source>Choose at least one timeline format.</source>
        <translation>Choisissez au moins un format de timeline.</translation>
    </message>
    <message>
        <source>Exporting the timeline to %1...</source>
        <translation>Export de la timeline vers %1…</translation>
    </message>
    <message>
        <source>Exported the timeline and its media to %1</source>
        <translation>Timeline et médias exportés vers %1</translation>
    </message>
    <message>
        <source>Content credentials: %1 (the local test certificate signs instead)</source>
        <translation>Identifiants de contenu : %1 (le certificat de test local signe à la place)</translation>
    </message>
    <message>
        <source>Check &amp;content credentials...</source>
        <translation>Vérifier les identifiants de &amp;contenu...</translation>
    </message>
    <message>
        <source>The signing certificate was not changed: %1</source>
        <translation>Le certificat de signature n&apos;a pas été changé : %1</translation>
    </message>
    <message>
        <source>Unreadable: not an MP4 or MOV file.</source>
        <translation>Illisible : ce n&apos;est pas un fichier MP4 ou MOV.</translation>
    </message>
    <message>
        <source>No content credentials: nothing says where this file came from.</source>
        <translation>Aucun identifiant de contenu : rien ne dit d&apos;où vient ce fichier.</translation>
    </message>
    <message>
        <source>Invalid: the file changed after it was signed, or its credentials are damaged.</source>
        <translation>Invalide : le fichier a changé après sa signature, ou ses identifiants sont endommagés.</translation>
    </message>
    <message>
        <source>Valid, signed by a trusted certificate.</source>
        <translation>Valide, signé par un certificat de confiance.</translation>
    </message>
    <message>
        <source>Valid, but the signer is not on the trust list.</source>
        <translation>Valide, mais le signataire n&apos;est pas dans la liste de confiance.</translation>
    </message>
    <message>
        <source>Made with: %1</source>
        <translation>Créé avec : %1</translation>
    </message>
    <message>
        <source>Action: %1</source>
        <translation>Action : %1</translation>
    </message>
    <message>
        <source>Invisible watermark id: %1</source>
        <translation>Identifiant du filigrane invisible : %1</translation>
    </message>
    <message>
        <source>Signed by: %1</source>
        <translation>Signé par : %1</translation>
    </message>
    <message>
        <source>This build has no content credentials support.</source>
        <translation>Cette version ne prend pas en charge les identifiants de contenu.</translation>
    </message>
    <message>
        <source>Check content credentials</source>
        <translation>Vérifier les identifiants de contenu</translation>
    </message>
    <message>
        <source>Video (*.mp4 *.mov)</source>
        <translation>Vidéo (*.mp4 *.mov)</translation>
    </message>
    <message>
        <source>Content credentials</source>
        <translation>Identifiants de contenu</translation>
    </message>
    <message>
        <source>Select the shot to export.</source>
        <translation>Choisissez le plan à exporter.</translation>
    </message>
    <message>
        <source>This build has no FFmpeg: export a PNG sequence.</source>
        <translation>Cette version n&apos;a pas FFmpeg : exportez une séquence PNG.</translation>
    </message>
    <message>
        <source>&amp;Project settings...</source>
        <translation>Réglages du &amp;projet…</translation>
    </message>
    <message>
        <source>The project settings were not changed: %1</source>
        <translation>Les réglages du projet n’ont pas été modifiés : %1</translation>
    </message>
    <message>
        <source>%1 already has three reference pictures; clear them to choose others</source>
        <translation>%1 a déjà trois images de référence ; effacez-les pour en choisir d’autres</translation>
    </message>
    <message>
        <source>Shot 1 continues the previous shot, but it is the first shot now: there is nothing before it to continue.</source>
        <translation>Le plan 1 prolonge le plan précédent, mais c&apos;est maintenant le premier : rien ne le précède.</translation>
    </message>
    <message>
        <source>Shot</source>
        <comment>the shot inspector&apos;s title</comment>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>File d&apos;attente</translation>
    </message>
    <message>
        <source>Play &amp;backward</source>
        <translation>Lire en &amp;arrière</translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation>Pa&amp;use</translation>
    </message>
    <message>
        <source>Play &amp;forward</source>
        <translation>Lire en a&amp;vant</translation>
    </message>
    <message>
        <source>Opened %1: %2, %3</source>
        <translation>%1 ouvert : %2, %3</translation>
    </message>
    <message numerus="yes">
        <source>%n shots</source>
        <translation>
            <numerusform>%n plan</numerusform>
            <numerusform>%n plans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n characters</source>
        <translation>
            <numerusform>%n personnage</numerusform>
            <numerusform>%n personnages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shots have no take yet (%1).</source>
        <translation>
            <numerusform>%n plan n&apos;a pas encore de prise (%1).</numerusform>
            <numerusform>%n plans n&apos;ont pas encore de prise (%1).</numerusform>
        </translation>
    </message>
    <message>
        <source>Generate them now and export when they are done?</source>
        <translation>Les générer maintenant et exporter une fois terminés ?</translation>
    </message>
    <message>
        <source>Nothing was exported: %1</source>
        <translation>Rien n&apos;a été exporté : %1</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n frames to %1...</source>
        <translation>
            <numerusform>Export de %n image vers %1…</numerusform>
            <numerusform>Export de %n images vers %1…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n steps; nothing was changed.</source>
        <translation>
            <numerusform>Annulé après %n étape ; rien n&apos;a été modifié.</numerusform>
            <numerusform>Annulé après %n étapes ; rien n&apos;a été modifié.</numerusform>
        </translation>
    </message>
    <message>
        <source>the model could not be loaded</source>
        <translation>le modèle n&apos;a pas pu être chargé</translation>
    </message>
    <message>
        <source>Shot %1 has no prompt: write what happens in it, then generate.</source>
        <translation>Le plan %1 n&apos;a pas de prompt : décrivez ce qui s&apos;y passe, puis générez.</translation>
    </message>
    <message>
        <source>Shot 1 is set to continue the shot before it, but it is the first shot: untick &quot;Continues the previous shot&quot; or move it after another shot.</source>
        <translation>Le plan 1 doit prolonger le plan précédent, mais c&apos;est le premier : décochez « Prolonge le plan précédent » ou déplacez-le après un autre plan.</translation>
    </message>
    <message>
        <source>Shot %1: %2</source>
        <translation>Plan %1 : %2</translation>
    </message>
    <message>
        <source>the shot was deleted</source>
        <translation>le plan a été supprimé</translation>
    </message>
    <message>
        <source>Shot %1 cannot be generated: %2</source>
        <translation>Le plan %1 ne peut pas être généré : %2</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was exported: %n shots still have no take.</source>
        <translation>
            <numerusform>Rien n&apos;a été exporté : %n plan n&apos;a toujours pas de prise.</numerusform>
            <numerusform>Rien n&apos;a été exporté : %n plans n&apos;ont toujours pas de prise.</numerusform>
        </translation>
    </message>
    <message>
        <source>for a project that was closed</source>
        <translation>pour un projet fermé</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n frames, seed %2, %3</source>
        <translation>
            <numerusform>%1, %n image, graine %2, %3</numerusform>
            <numerusform>%1, %n images, graine %2, %3</numerusform>
        </translation>
    </message>
    <message>
        <source>the shot was deleted; its clip is in the media folder</source>
        <translation>le plan a été supprimé ; son clip est dans le dossier des médias</translation>
    </message>
    <message>
        <source>Shot %1: denoising</source>
        <translation>Plan %1 : débruitage</translation>
    </message>
    <message>
        <source>Shot %1: starting...</source>
        <translation>Plan %1 : démarrage…</translation>
    </message>
    <message numerus="yes">
        <source>Generating shot %1 (%n frames)...</source>
        <translation>
            <numerusform>Génération du plan %1 (%n image)…</numerusform>
            <numerusform>Génération du plan %1 (%n images)…</numerusform>
        </translation>
    </message>
    <message>
        <source>Shot %1 of %2 in the queue</source>
        <translation>Plan %1 sur %2 dans la file</translation>
    </message>
    <message>
        <source>, about %1 left in all</source>
        <translation>, environ %1 restant au total</translation>
    </message>
    <message>
        <source>Generating %1%</source>
        <translation>Génération %1%</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Save As waits until no shot is generating: let it finish or cancel it, then save as.</source>
        <translation>« Enregistrer sous » attend qu&apos;aucun plan ne soit en génération : laissez-le finir ou annulez-le, puis enregistrez.</translation>
    </message>
</context>
<context>
    <name>kinora::ui::PlotsPanel</name>
    <message>
        <source>Denoising</source>
        <translation>Débruitage</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entraînement</translation>
    </message>
    <message>
        <source>The model folder %1 has no training log.</source>
        <translation>Le dossier du modèle %1 n&apos;a pas de journal d&apos;entraînement.</translation>
    </message>
    <message>
        <source>Training log of %1: %2</source>
        <translation>Journal d&apos;entraînement de %1 : %2</translation>
    </message>
</context>
<context>
    <name>kinora::ui::PreviewView</name>
    <message>
        <source>frame %1 / %2</source>
        <translation>image %1 / %2</translation>
    </message>
    <message>
        <source>Select a shot and press Generate, or drop an image here to start a shot from it.</source>
        <translation>Choisissez un plan et cliquez sur Générer, ou déposez une image ici pour en faire un plan.</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ProjectDocument</name>
    <message>
        <source>Untitled</source>
        <translation>Sans titre</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Impossible d&apos;ouvrir %1 : %2</translation>
    </message>
    <message>
        <source>The project has no file yet: use Save As.</source>
        <translation>Le projet n&apos;a pas encore de fichier : utilisez Enregistrer sous.</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>Impossible d&apos;enregistrer %1 : %2</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>Échec de l&apos;enregistrement automatique : %1</translation>
    </message>
    <message>
        <source>Autosave failed: cannot write %1</source>
        <translation>Échec de l&apos;enregistrement automatique : impossible d&apos;écrire %1</translation>
    </message>
    <message>
        <source>Cannot restore %1: its description is missing</source>
        <translation>Impossible de restaurer %1 : sa description manque</translation>
    </message>
    <message>
        <source>Cannot restore %1: %2</source>
        <translation>Impossible de restaurer %1 : %2</translation>
    </message>
    <message>
        <source>Restore autosave</source>
        <translation>Restaurer l&apos;enregistrement automatique</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ProjectSettingsDialog</name>
    <message>
        <source>Project settings</source>
        <translation>Réglages du projet</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>The model makes frames in multiples of its grid (16 pixels for the embedded one); takes already made keep their size.</source>
        <translation>Le modèle produit des images en multiples de sa grille (16 pixels pour le modèle intégré) ; les prises déjà faites gardent leur taille.</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Largeur</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Hauteur</translation>
    </message>
    <message>
        <source> fps</source>
        <translation> i/s</translation>
    </message>
    <message>
        <source>Shot lengths are kept in frames: another rate changes their seconds.</source>
        <translation>La durée des plans est comptée en images : une autre cadence change leurs secondes.</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>Cadence</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>Valeur du modèle</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <source>How strongly clips follow their prompt (classifier-free guidance).</source>
        <translation>À quel point les clips suivent leur prompt (guidage sans classifieur).</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>Guidage</translation>
    </message>
    <message>
        <source>How much harder a shot that names one character follows the character&apos;s reference look than the model alone would: one more prediction a step.</source>
        <translation>À quel point un plan qui nomme un personnage suit son apparence de référence plus fortement que le modèle seul : une prédiction de plus par étape.</translation>
    </message>
    <message>
        <source>Reference strength</source>
        <translation>Force de la référence</translation>
    </message>
    <message>
        <source>Applies to the takes generated from now on; one undo step.</source>
        <translation>S’applique aux prises générées à partir de maintenant ; une seule étape d’annulation.</translation>
    </message>
    <message>
        <source>Denoising steps per clip: more is slower and, up to a point, cleaner.</source>
        <translation>Étapes de débruitage par clip : plus est plus lent et, jusqu’à un certain point, plus net.</translation>
    </message>
    <message>
        <source>Studio default</source>
        <translation>Modèle par défaut du studio</translation>
    </message>
    <message>
        <source>The model this project&apos;s shots are made with (Settings lists the models).</source>
        <translation>Le modèle avec lequel les plans de ce projet sont générés (les Réglages listent les modèles).</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personnalisé</translation>
    </message>
    <message>
        <source>The canvases the loaded model is made for.</source>
        <translation>Les formats pour lesquels le modèle chargé est conçu.</translation>
    </message>
    <message>
        <source>Canvas preset</source>
        <translation>Format prédéfini</translation>
    </message>
    <message>
        <source>%1 (%2x%3)</source>
        <translation>%1 (%2x%3)</translation>
    </message>
    <message>
        <source>FILE[:STRENGTH]; ... (Wan models)</source>
        <translation>FICHIER[:INTENSITÉ] ; ... (modèles Wan)</translation>
    </message>
    <message>
        <source>LoRA files merged into a Wan model&apos;s denoiser for every shot (each shot may add its own): a path, absolute or inside the project folder, and a strength from -4 to 4 (1 when left out), separated by semicolons.</source>
        <translation>Fichiers LoRA fusionnés dans le débruiteur d’un modèle Wan pour chaque plan (chaque plan peut ajouter les siens) : un chemin, absolu ou dans le dossier du projet, et une intensité de -4 à 4 (1 si omise), séparés par des points-virgules.</translation>
    </message>
    <message>
        <source>LoRA files</source>
        <translation>Fichiers LoRA</translation>
    </message>
    <message>
        <source>Crop to fill the canvas</source>
        <translation>Recadrer pour remplir le cadre</translation>
    </message>
    <message>
        <source>Keep whole, with bars (Wan VACE paints them)</source>
        <translation>Garder entière, avec des bandes (Wan VACE les peint)</translation>
    </message>
    <message>
        <source>How first and last images of another shape meet the canvas.</source>
        <translation>Comment les premières et dernières images d’une autre forme s’adaptent au cadre.</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
</context>
<context>
    <name>kinora::ui::PromptEditor</name>
    <message>
        <source>Describe the shot, e.g. @Pip bounces on the beach at night</source>
        <translation>Décrivez le plan (en anglais), p. ex. @Pip bounces on the beach at night</translation>
    </message>
</context>
<context>
    <name>kinora::ui::QueuePanel</name>
    <message>
        <source>Cancel job</source>
        <translation>Annuler la tâche</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Effacer les terminées</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>démarrage</translation>
    </message>
    <message>
        <source>step %1 / %2</source>
        <translation>étape %1 / %2</translation>
    </message>
    <message>
        <source>, window %1 of %2</source>
        <translation>, fenêtre %1 sur %2</translation>
    </message>
    <message>
        <source>, %1 left</source>
        <translation>, %1 restant</translation>
    </message>
    <message>
        <source>done in %1</source>
        <translation>terminé en %1</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>Shot %1</source>
        <translation>Plan %1</translation>
    </message>
    <message>
        <source>A deleted shot</source>
        <translation>Un plan supprimé</translation>
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
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>Dossier du modèle</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>Processeur</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Périphérique</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Autosave every</source>
        <translation>Enregistrement automatique toutes les</translation>
    </message>
    <message>
        <source>Built-in list</source>
        <translation>Liste intégrée</translation>
    </message>
    <message>
        <source>Prompts with words of this list are refused before anything is generated (JSON: categories with their words).</source>
        <translation>Les prompts contenant des mots de cette liste sont refusés avant toute génération (JSON : catégories et leurs mots).</translation>
    </message>
    <message>
        <source>Prompt word list</source>
        <translation>Liste de mots des prompts</translation>
    </message>
    <message>
        <source>Word lists (*.json)</source>
        <translation>Listes de mots (*.json)</translation>
    </message>
    <message>
        <source>Local test certificate</source>
        <translation>Certificat de test local</translation>
    </message>
    <message>
        <source>Signing certificate</source>
        <translation>Certificat de signature</translation>
    </message>
    <message>
        <source>PEM certificate chain (*.pem *.crt)</source>
        <translation>Chaîne de certificats PEM (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Signs the content credentials (C2PA) of every video the studio writes: your certificate first, then its issuers. Empty: a local test CA made on first use.</source>
        <translation>Signe les identifiants de contenu (C2PA) de chaque vidéo écrite par le studio : votre certificat d&apos;abord, puis ses émetteurs. Vide : une AC de test locale créée à la première utilisation.</translation>
    </message>
    <message>
        <source>Its private key</source>
        <translation>Sa clé privée</translation>
    </message>
    <message>
        <source>PEM EC key (*.pem *.key)</source>
        <translation>Clé EC PEM (*.pem *.key)</translation>
    </message>
    <message>
        <source>1 (off)</source>
        <translation>1 (désactivé)</translation>
    </message>
    <message>
        <source>Shots that name a character are made this many times a window, and the try whose character is closest to its reference look is kept. Takes this many times as long.</source>
        <translation>Les plans qui nomment un personnage sont générés autant de fois par fenêtre, et l&apos;essai dont le personnage est le plus proche de son apparence de référence est conservé. Prend d&apos;autant plus de temps.</translation>
    </message>
    <message>
        <source>Tries per window</source>
        <translation>Essais par fenêtre</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Famille</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>On disk</source>
        <translation>Sur le disque</translation>
    </message>
    <message>
        <source>Memory needed</source>
        <translation>Mémoire nécessaire</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Add folder...</source>
        <translation>Ajouter un dossier…</translation>
    </message>
    <message>
        <source>Add files...</source>
        <translation>Ajouter des fichiers…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>Model files</source>
        <translation>Fichiers du modèle</translation>
    </message>
    <message>
        <source>Weights and tokenizers (*.safetensors *.pth *.pt *.bin *.model)</source>
        <translation>Poids et tokeniseurs (*.safetensors *.pth *.pt *.bin *.model)</translation>
    </message>
    <message>
        <source>Model, threads, device and word list apply when the model is next loaded. A project can name its own model (Project settings).</source>
        <translation>Le modèle, les threads, l’appareil et la liste de mots s’appliquent au prochain chargement du modèle. Un projet peut désigner son propre modèle (Réglages du projet).</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 Go</translation>
    </message>
    <message>
        <source>Embedded (kinora-tiny)</source>
        <translation>Intégré (kinora-tiny)</translation>
    </message>
    <message>
        <source>%1 (%2 free)</source>
        <translation>%1 (%2 libres)</translation>
    </message>
    <message>
        <source>missing: %1</source>
        <translation>manque : %1</translation>
    </message>
    <message>
        <source>too large for this machine&apos;s free memory</source>
        <translation>trop grand pour la mémoire libre de cette machine</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>prêt</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>GPU CUDA</translation>
    </message>
    <message>
        <source>This build or machine has no CUDA GPU: models run on the CPU.</source>
        <translation>Cette version ou cette machine n&apos;a pas de GPU CUDA : les modèles tournent sur le CPU.</translation>
    </message>
    <message>
        <source>Automatic (the free cores of %1)</source>
        <translation>Automatique (les cœurs libres parmi %1)</translation>
    </message>
    <message>
        <source>Automatic uses the cores other programs leave free, measured again while it generates, so a build or a browser beside the studio does not slow it down. A number fixes the threads.</source>
        <translation>Automatique utilise les cœurs que les autres programmes laissent libres, mesurés à nouveau pendant la génération, pour qu’une compilation ou un navigateur à côté du studio ne le ralentisse pas. Un nombre fixe les threads.</translation>
    </message>
    <message>
        <source>Embedded, fast (%1)</source>
        <translation>Intégré, rapide (%1)</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ShotCardDelegate</name>
    <message>
        <source>not generated</source>
        <translation>non généré</translation>
    </message>
    <message>
        <source>Shot %1</source>
        <translation>Plan %1</translation>
    </message>
    <message>
        <source>(no prompt)</source>
        <translation>(pas de prompt)</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ShotInspector</name>
    <message>
        <source>What to avoid (optional)</source>
        <translation>Ce qu&apos;il faut éviter (facultatif)</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>Négatif</translation>
    </message>
    <message>
        <source> frames</source>
        <translation> images</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouvelle</translation>
    </message>
    <message>
        <source>Draw a new random seed</source>
        <translation>Tirer une nouvelle graine au hasard</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Graine</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Last frame</source>
        <translation>Dernière image</translation>
    </message>
    <message>
        <source>First frame</source>
        <translation>Première image</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</source>
        <translation>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>Continues the previous shot</source>
        <translation>Prolonge le plan précédent</translation>
    </message>
    <message>
        <source>Generate shot</source>
        <translation>Générer le plan</translation>
    </message>
    <message>
        <source>No shot selected</source>
        <translation>Aucun plan sélectionné</translation>
    </message>
    <message>
        <source>Shot %1</source>
        <translation>Plan %1</translation>
    </message>
    <message>
        <source>Unknown character: %1. Add it in Characters or fix the name.</source>
        <translation>Personnage inconnu : %1. Ajoutez-le dans Personnages ou corrigez le nom.</translation>
    </message>
    <message>
        <source>%1 s at %2 fps</source>
        <translation>%1 s à %2 i/s</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>aucune pour l&apos;instant</translation>
    </message>
    <message>
        <source>FILE[:STRENGTH]; ... (Wan models)</source>
        <translation>FICHIER[:INTENSITÉ] ; ... (modèles Wan)</translation>
    </message>
    <message>
        <source>LoRA files for this shot, after the project&apos;s: a path and a strength from -4 to 4, separated by semicolons.</source>
        <translation>Fichiers LoRA de ce plan, après ceux du projet : un chemin et une intensité de -4 à 4, séparés par des points-virgules.</translation>
    </message>
    <message>
        <source>LoRA files</source>
        <translation>Fichiers LoRA</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Verrouiller</translation>
    </message>
    <message>
        <source>Locked: generating again makes the same take. Unlocked: each new take of a shot that has one is a variation with a new seed.</source>
        <translation>Verrouillée : générer à nouveau donne la même prise. Déverrouillée : chaque nouvelle prise d&apos;un plan qui en a déjà une est une variante avec une nouvelle graine.</translation>
    </message>
    <message>
        <source>The shot&apos;s takes, newest first: click one to use it in the cut</source>
        <translation>Les prises du plan, la plus récente d&apos;abord : cliquez pour l&apos;utiliser dans le montage</translation>
    </message>
    <message>
        <source>Takes</source>
        <translation>Prises</translation>
    </message>
    <message>
        <source>Write what happens in this shot: an empty prompt is not generated.</source>
        <translation>Décrivez ce qui se passe dans ce plan : un prompt vide n&apos;est pas généré.</translation>
    </message>
    <message>
        <source>This is the first shot now: there is no shot before it to continue. Untick &quot;Continues the previous shot&quot; or move it.</source>
        <translation>C&apos;est maintenant le premier plan : aucun plan ne le précède. Décochez « Prolonge le plan précédent » ou déplacez-le.</translation>
    </message>
    <message>
        <source>The first shot has no shot before it to continue.</source>
        <translation>Le premier plan n&apos;a aucun plan avant lui à prolonger.</translation>
    </message>
    <message>
        <source>%1
seed %2</source>
        <translation>%1
graine %2</translation>
    </message>
    <message>
        <source>%1: seed %2, %3 steps, made %4</source>
        <translation>%1 : graine %2, %3 étapes, créée %4</translation>
    </message>
    <message>
        <source>%1 does not make &quot;%2&quot; shots.</source>
        <translation>%1 ne fait pas de plans « %2 ».</translation>
    </message>
    <message>
        <source>%1 does not make &quot;%2&quot; shots; it makes: %3. Choose another mode, or another model in the project&apos;s settings.</source>
        <translation>%1 ne fait pas de plans « %2 » ; il fait : %3. Choisissez un autre mode, ou un autre modèle dans les réglages du projet.</translation>
    </message>
    <message>
        <source>%1 does not continue shots.</source>
        <translation>%1 ne prolonge pas les plans.</translation>
    </message>
</context>
<context>
    <name>kinora::ui::StepPlot</name>
    <message>
        <source>step</source>
        <translation>étape</translation>
    </message>
    <message>
        <source>prediction change</source>
        <translation>Δ prédiction</translation>
    </message>
</context>
<context>
    <name>kinora::ui::StoryboardModel</name>
    <message>
        <source>Text to video</source>
        <translation>Texte vers vidéo</translation>
    </message>
    <message>
        <source>Image to video</source>
        <translation>Image vers vidéo</translation>
    </message>
    <message>
        <source>Extend forward</source>
        <translation>Prolonger vers l&apos;avant</translation>
    </message>
    <message>
        <source>Extend backward</source>
        <translation>Prolonger vers l&apos;arrière</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Relier</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>Boucle</translation>
    </message>
    <message>
        <source>Shot %1: %2</source>
        <translation>Plan %1 : %2</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Move shot</source>
        <translation>Déplacer le plan</translation>
    </message>
    <message numerus="yes">
        <source>Move %n shots</source>
        <translation>
            <numerusform>Déplacer %n plan</numerusform>
            <numerusform>Déplacer %n plans</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kinora::ui::TimelinePanel</name>
    <message>
        <source>Play</source>
        <translation>Lire</translation>
    </message>
    <message>
        <source>Zoom (Ctrl+wheel on the timeline)</source>
        <translation>Zoom (Ctrl+molette sur la timeline)</translation>
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
        <translation>%1 / %2 (%3 i/s)</translation>
    </message>
    <message>
        <source>Play or pause the cut (Space; J backward, K pause, L forward)</source>
        <translation>Lire ou mettre en pause le montage (Espace ; J arrière, K pause, L avant)</translation>
    </message>
</context>
<context>
    <name>kinora::ui::TimelineView</name>
    <message>
        <source>%1 (no take)</source>
        <translation>%1 (pas de prise)</translation>
    </message>
</context>
</TS>
