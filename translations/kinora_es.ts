<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>OperationCommand</name>
    <message>
        <source>Add shot %1</source>
        <translation>Añadir plano %1</translation>
    </message>
    <message>
        <source>Delete shot %1</source>
        <translation>Eliminar plano %1</translation>
    </message>
    <message>
        <source>Move shot %1 to %2</source>
        <translation>Mover plano %1 a %2</translation>
    </message>
    <message>
        <source>Edit shot %1</source>
        <translation>Editar plano %1</translation>
    </message>
    <message>
        <source>Add character %1</source>
        <translation>Añadir personaje %1</translation>
    </message>
    <message>
        <source>Delete character %1</source>
        <translation>Eliminar personaje %1</translation>
    </message>
    <message>
        <source>Rename character to %1</source>
        <translation>Renombrar personaje a %1</translation>
    </message>
    <message>
        <source>Edit character %1</source>
        <translation>Editar personaje %1</translation>
    </message>
    <message>
        <source>Change project settings</source>
        <translation>Cambiar ajustes del proyecto</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>step</source>
        <translation>paso</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>pérdida</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>tasa de aprendizaje</translation>
    </message>
</context>
<context>
    <name>kinora::ui::CharactersPanel</name>
    <message>
        <source>Add character</source>
        <translation>Añadir personaje</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>In the model&apos;s words: a size (small, big), a colour (red, orange, yellow, green, blue, purple, pink, white) and a shape (ball, square, triangle, star, ring, cross).</source>
        <translation>Con las palabras inglesas del modelo: un tamaño (small, big), un color (red, orange, yellow, green, blue, purple, pink, white) y una forma (ball, square, triangle, star, ring, cross).</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apariencia</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <source>Without a reference image the model is shown the character drawn from its appearance words.</source>
        <translation>Sin imagen de referencia, el modelo ve el personaje dibujado a partir de las palabras de su apariencia.</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Semilla</translation>
    </message>
    <message>
        <source>How the model is shown this character</source>
        <translation>Cómo ve el modelo a este personaje</translation>
    </message>
    <message>
        <source>Look</source>
        <translation>Aspecto</translation>
    </message>
    <message>
        <source>Reference image</source>
        <translation>Imagen de referencia</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>cannot draw</source>
        <translation>no se puede dibujar</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>The whole cut (selected takes, in storyboard order)</source>
        <translation>El montaje completo (tomas elegidas, en el orden del storyboard)</translation>
    </message>
    <message>
        <source>The selected shot&apos;s take</source>
        <translation>La toma del plano seleccionado</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>H.264 MP4 (yuv420p, BT.709)</source>
        <translation>MP4 H.264 (yuv420p, BT.709)</translation>
    </message>
    <message>
        <source>PNG sequence (lossless)</source>
        <translation>Secuencia PNG (sin pérdida)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportar a</translation>
    </message>
    <message>
        <source>H.264 video (*.mp4)</source>
        <translation>Vídeo H.264 (*.mp4)</translation>
    </message>
    <message>
        <source>Export frames into</source>
        <translation>Exportar los fotogramas a</translation>
    </message>
    <message>
        <source>The cut as a timeline for editing software</source>
        <translation>El montaje como línea de tiempo para software de edición</translation>
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
        <translation>Líneas de tiempo</translation>
    </message>
    <message>
        <source>The media are conformed to this rate; times are exact frames.</source>
        <translation>Los medios se adaptan a esta cadencia; los tiempos son fotogramas exactos.</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>Cadencia de fotogramas</translation>
    </message>
    <message>
        <source>Export the timeline into</source>
        <translation>Exportar la línea de tiempo a</translation>
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
        <translation>H.264 (4:2:0, archivos pequeños)</translation>
    </message>
    <message>
        <source>The media&apos;s codec, in MOV files with a timecode track and reel name.</source>
        <translation>El códec de los medios, en archivos MOV con pista de código de tiempo y nombre de carrete.</translation>
    </message>
    <message>
        <source>Media codec</source>
        <translation>Códec de los medios</translation>
    </message>
    <message>
        <source>The canvas size</source>
        <translation>El tamaño del lienzo</translation>
    </message>
    <message>
        <source>%1 lines high</source>
        <translation>%1 líneas de alto</translation>
    </message>
    <message>
        <source>Upscales the media on export; the width keeps the canvas proportions.</source>
        <translation>Amplía los medios al exportar; el ancho conserva las proporciones del lienzo.</translation>
    </message>
    <message>
        <source>Media size</source>
        <translation>Tamaño de los medios</translation>
    </message>
    <message>
        <source>Lanczos (sharp)</source>
        <translation>Lanczos (nítido)</translation>
    </message>
    <message>
        <source>Bicubic (smooth)</source>
        <translation>Bicúbico (suave)</translation>
    </message>
    <message>
        <source>Nearest (hard pixels)</source>
        <translation>Vecino más cercano (píxeles duros)</translation>
    </message>
    <message>
        <source>Upscaling filter</source>
        <translation>Filtro de ampliación</translation>
    </message>
    <message>
        <source>ProRes 422 HQ MOV (10-bit 4:2:2)</source>
        <translation>ProRes 422 HQ MOV (10 bits 4:2:2)</translation>
    </message>
    <message>
        <source>DNxHR HQ MOV (at least 256 x 120)</source>
        <translation>DNxHR HQ MOV (al menos 256 x 120)</translation>
    </message>
    <message>
        <source>QuickTime video (*.mov)</source>
        <translation>Vídeo QuickTime (*.mov)</translation>
    </message>
    <message>
        <source>OpenTimelineIO (Resolve, Premiere)</source>
        <translation>OpenTimelineIO (Resolve, Premiere)</translation>
    </message>
    <message>
        <source>Kdenlive project</source>
        <translation>Proyecto de Kdenlive</translation>
    </message>
    <message>
        <source>Shotcut project</source>
        <translation>Proyecto de Shotcut</translation>
    </message>
    <message>
        <source>MLT XML (melt)</source>
        <translation>XML de MLT (melt)</translation>
    </message>
    <message>
        <source>Where it is written</source>
        <translation>Donde se escribe</translation>
    </message>
    <message>
        <source>Where the editing machine will see the export folder (for example /Volumes/film/edit or D:/film/edit). FCPXML and FCP7 XML name their media there; OpenTimelineIO, EDL, MLT, Kdenlive and Shotcut name them relative to their file, so the folder can be moved as a whole.</source>
        <translation>Donde la máquina de edición verá la carpeta exportada (por ejemplo /Volumes/film/edit o D:/film/edit). FCPXML y FCP7 XML nombran allí sus medios; OpenTimelineIO, EDL, MLT, Kdenlive y Shotcut los nombran relativos a su archivo, así que la carpeta puede moverse entera.</translation>
    </message>
    <message>
        <source>Media root</source>
        <translation>Raíz de medios</translation>
    </message>
</context>
<context>
    <name>kinora::ui::InferenceWorker</name>
    <message>
        <source>best of %1 tries a window</source>
        <translation>el mejor de %1 intentos por ventana</translation>
    </message>
    <message>
        <source>one try a window: %1</source>
        <translation>un intento por ventana: %1</translation>
    </message>
</context>
<context>
    <name>kinora::ui::LoraText</name>
    <message>
        <source>at most %1 LoRA files</source>
        <translation>como máximo %1 archivos LoRA</translation>
    </message>
</context>
<context>
    <name>kinora::ui::MainWindow</name>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>%1 has changes that are not saved. Save them?</source>
        <translation>%1 tiene cambios sin guardar. ¿Guardarlos?</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Storyboard</source>
        <translation>Storyboard</translation>
    </message>
    <message>
        <source>Add shot</source>
        <translation>Añadir plano</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generar</translation>
    </message>
    <message>
        <source>Generate missing</source>
        <translation>Generar los que faltan</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>Personajes</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>Gráficos</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Línea de tiempo</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;New project</source>
        <translation>&amp;Nuevo proyecto</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>&amp;Abrir…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save &amp;as...</source>
        <translation>Guardar &amp;como…</translation>
    </message>
    <message>
        <source>&amp;Export...</source>
        <translation>&amp;Exportar…</translation>
    </message>
    <message>
        <source>Se&amp;ttings...</source>
        <translation>Aj&amp;ustes…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <source>Add &amp;shot</source>
        <translation>Añadir &amp;plano</translation>
    </message>
    <message>
        <source>Add &amp;character</source>
        <translation>Añadir &amp;personaje</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Generar</translation>
    </message>
    <message>
        <source>&amp;Generate selected shots</source>
        <translation>&amp;Generar los planos seleccionados</translation>
    </message>
    <message>
        <source>Generate &amp;missing shots</source>
        <translation>Generar los planos que &amp;faltan</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Play / pause</source>
        <translation>&amp;Reproducir / pausa</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;About Kinora Studio</source>
        <translation>&amp;Acerca de Kinora Studio</translation>
    </message>
    <message>
        <source>About Kinora Studio</source>
        <translation>Acerca de Kinora Studio</translation>
    </message>
    <message>
        <source>Kinora Studio %1
AI video generation on your own machine.</source>
        <translation>Kinora Studio %1
Generación de vídeo con IA en tu propio equipo.</translation>
    </message>
    <message>
        <source>%1[*] - Kinora Studio</source>
        <translation>%1[*] – Kinora Studio</translation>
    </message>
    <message>
        <source>Shot %1 has no take yet: press Generate.</source>
        <translation>El plano %1 aún no tiene toma: pulsa Generar.</translation>
    </message>
    <message>
        <source>Shot %1, frame %2</source>
        <translation>Plano %1, fotograma %2</translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n shots</source>
        <translation>
            <numerusform>Duplicar %n plano</numerusform>
            <numerusform>Duplicar %n planos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n shots</source>
        <translation>
            <numerusform>Eliminar %n plano</numerusform>
            <numerusform>Eliminar %n planos</numerusform>
        </translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Abrir proyecto</translation>
    </message>
    <message>
        <source>Kinora projects (*.kinora)</source>
        <translation>Proyectos de Kinora (*.kinora)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 guardado</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>Guardar proyecto como</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>Recuperar trabajo sin guardar</translation>
    </message>
    <message>
        <source>Kinora Studio did not close properly last time. Restore the autosaved project from %1?</source>
        <translation>Kinora Studio no se cerró correctamente la última vez. ¿Restaurar el proyecto guardado automáticamente el %1?</translation>
    </message>
    <message>
        <source>Restored the autosaved project; save it to keep it.</source>
        <translation>Proyecto guardado automáticamente restaurado; guárdalo para conservarlo.</translation>
    </message>
    <message>
        <source>Cannot use %1 as an image: %2</source>
        <translation>No se puede usar %1 como imagen: %2</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>No se puede crear %1</translation>
    </message>
    <message>
        <source>Cannot copy %1 into the project</source>
        <translation>No se puede copiar %1 al proyecto</translation>
    </message>
    <message numerus="yes">
        <source>Add %n image shots</source>
        <translation>
            <numerusform>Añadir %n plano desde imagen</numerusform>
            <numerusform>Añadir %n planos desde imágenes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n image-to-video shots: write what happens, then Generate.</source>
        <translation>
            <numerusform>%n plano de imagen a vídeo añadido: describe lo que ocurre y genera.</numerusform>
            <numerusform>%n planos de imagen a vídeo añadidos: describe lo que ocurre y genera.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose where to export to.</source>
        <translation>Elige dónde exportar.</translation>
    </message>
    <message>
        <source>Shot %1 has no take yet: generate it first.</source>
        <translation>El plano %1 aún no tiene toma: genéralo primero.</translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation>No se puede exportar: %1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportado</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Falló la exportación: %1</translation>
    </message>
    <message>
        <source>Model %1 (%2 M parameters)</source>
        <translation>Modelo %1 (%2 M de parámetros)</translation>
    </message>
    <message>
        <source>The model could not be loaded: %1</source>
        <translation>No se pudo cargar el modelo: %1</translation>
    </message>
    <message>
        <source>Every shot has a take.</source>
        <translation>Todos los planos tienen toma.</translation>
    </message>
    <message>
        <source>Shot %1 mentions @%2, who is not a character of this project. Add the character or fix the name, then generate again.</source>
        <translation>El plano %1 menciona a @%2, que no es un personaje de este proyecto. Añade el personaje o corrige el nombre y vuelve a generar.</translation>
    </message>
    <message>
        <source>The clip was made but could not be stored: %1</source>
        <translation>El clip se generó pero no se pudo guardar: %1</translation>
    </message>
    <message>
        <source>The shot was deleted while it was generated; its clip is kept in the media folder.</source>
        <translation>El plano se eliminó mientras se generaba; su clip se conserva en la carpeta de medios.</translation>
    </message>
    <message>
        <source>Kinora Studio</source>
        <translation>Kinora Studio</translation>
    </message>
    <message>
        <source>Choose at least one timeline format.</source>
        <translation>Elige al menos un formato de línea de tiempo.</translation>
    </message>
    <message>
        <source>Exporting the timeline to %1...</source>
        <translation>Exportando la línea de tiempo a %1…</translation>
    </message>
    <message>
        <source>Exported the timeline and its media to %1</source>
        <translation>Línea de tiempo y medios exportados a %1</translation>
    </message>
    <message>
        <source>Content credentials: %1 (the local test certificate signs instead)</source>
        <translation>Credenciales de contenido: %1 (firma en su lugar el certificado de prueba local)</translation>
    </message>
    <message>
        <source>Check &amp;content credentials...</source>
        <translation>Comprobar las &amp;credenciales de contenido...</translation>
    </message>
    <message>
        <source>The signing certificate was not changed: %1</source>
        <translation>El certificado de firma no se cambió: %1</translation>
    </message>
    <message>
        <source>Unreadable: not an MP4 or MOV file.</source>
        <translation>Ilegible: no es un archivo MP4 ni MOV.</translation>
    </message>
    <message>
        <source>No content credentials: nothing says where this file came from.</source>
        <translation>Sin credenciales de contenido: nada indica de dónde procede este archivo.</translation>
    </message>
    <message>
        <source>Invalid: the file changed after it was signed, or its credentials are damaged.</source>
        <translation>No válido: el archivo cambió después de firmarse o sus credenciales están dañadas.</translation>
    </message>
    <message>
        <source>Valid, signed by a trusted certificate.</source>
        <translation>Válido, firmado con un certificado de confianza.</translation>
    </message>
    <message>
        <source>Valid, but the signer is not on the trust list.</source>
        <translation>Válido, pero el firmante no está en la lista de confianza.</translation>
    </message>
    <message>
        <source>Made with: %1</source>
        <translation>Creado con: %1</translation>
    </message>
    <message>
        <source>Action: %1</source>
        <translation>Acción: %1</translation>
    </message>
    <message>
        <source>Invisible watermark id: %1</source>
        <translation>Id. de la marca de agua invisible: %1</translation>
    </message>
    <message>
        <source>Signed by: %1</source>
        <translation>Firmado por: %1</translation>
    </message>
    <message>
        <source>This build has no content credentials support.</source>
        <translation>Esta versión no admite credenciales de contenido.</translation>
    </message>
    <message>
        <source>Check content credentials</source>
        <translation>Comprobar las credenciales de contenido</translation>
    </message>
    <message>
        <source>Video (*.mp4 *.mov)</source>
        <translation>Vídeo (*.mp4 *.mov)</translation>
    </message>
    <message>
        <source>Content credentials</source>
        <translation>Credenciales de contenido</translation>
    </message>
    <message>
        <source>Select the shot to export.</source>
        <translation>Selecciona el plano que quieres exportar.</translation>
    </message>
    <message>
        <source>This build has no FFmpeg: export a PNG sequence.</source>
        <translation>Esta versión no tiene FFmpeg: exporta una secuencia PNG.</translation>
    </message>
    <message>
        <source>&amp;Project settings...</source>
        <translation>Ajustes del &amp;proyecto…</translation>
    </message>
    <message>
        <source>The project settings were not changed: %1</source>
        <translation>Los ajustes del proyecto no se cambiaron: %1</translation>
    </message>
    <message>
        <source>%1 already has three reference pictures; clear them to choose others</source>
        <translation>%1 ya tiene tres imágenes de referencia; bórrelas para elegir otras</translation>
    </message>
    <message>
        <source>Shot 1 continues the previous shot, but it is the first shot now: there is nothing before it to continue.</source>
        <translation>El plano 1 continúa el anterior, pero ahora es el primero: no hay nada antes que continuar.</translation>
    </message>
    <message>
        <source>Shot</source>
        <comment>the shot inspector&apos;s title</comment>
        <translation>Plano</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Cola</translation>
    </message>
    <message>
        <source>Play &amp;backward</source>
        <translation>Reproducir hacia &amp;atrás</translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation>Pa&amp;usa</translation>
    </message>
    <message>
        <source>Play &amp;forward</source>
        <translation>Reproducir hacia a&amp;delante</translation>
    </message>
    <message>
        <source>Opened %1: %2, %3</source>
        <translation>%1 abierto: %2, %3</translation>
    </message>
    <message numerus="yes">
        <source>%n shots</source>
        <translation>
            <numerusform>%n plano</numerusform>
            <numerusform>%n planos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n characters</source>
        <translation>
            <numerusform>%n personaje</numerusform>
            <numerusform>%n personajes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shots have no take yet (%1).</source>
        <translation>
            <numerusform>%n plano aún no tiene toma (%1).</numerusform>
            <numerusform>%n planos aún no tienen toma (%1).</numerusform>
        </translation>
    </message>
    <message>
        <source>Generate them now and export when they are done?</source>
        <translation>¿Generarlos ahora y exportar cuando terminen?</translation>
    </message>
    <message>
        <source>Nothing was exported: %1</source>
        <translation>No se exportó nada: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n frames to %1...</source>
        <translation>
            <numerusform>Exportando %n fotograma a %1...</numerusform>
            <numerusform>Exportando %n fotogramas a %1...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n steps; nothing was changed.</source>
        <translation>
            <numerusform>Cancelado tras %n paso; no se cambió nada.</numerusform>
            <numerusform>Cancelado tras %n pasos; no se cambió nada.</numerusform>
        </translation>
    </message>
    <message>
        <source>the model could not be loaded</source>
        <translation>no se pudo cargar el modelo</translation>
    </message>
    <message>
        <source>Shot %1 has no prompt: write what happens in it, then generate.</source>
        <translation>El plano %1 no tiene prompt: escribe lo que ocurre y luego genera.</translation>
    </message>
    <message>
        <source>Shot 1 is set to continue the shot before it, but it is the first shot: untick &quot;Continues the previous shot&quot; or move it after another shot.</source>
        <translation>El plano 1 debe continuar el anterior, pero es el primero: desmarca «Continúa el plano anterior» o muévelo detrás de otro plano.</translation>
    </message>
    <message>
        <source>Shot %1: %2</source>
        <translation>Plano %1: %2</translation>
    </message>
    <message>
        <source>the shot was deleted</source>
        <translation>el plano se eliminó</translation>
    </message>
    <message>
        <source>Shot %1 cannot be generated: %2</source>
        <translation>El plano %1 no se puede generar: %2</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was exported: %n shots still have no take.</source>
        <translation>
            <numerusform>No se exportó nada: %n plano sigue sin toma.</numerusform>
            <numerusform>No se exportó nada: %n planos siguen sin toma.</numerusform>
        </translation>
    </message>
    <message>
        <source>for a project that was closed</source>
        <translation>para un proyecto cerrado</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n frames, seed %2, %3</source>
        <translation>
            <numerusform>%1, %n fotograma, semilla %2, %3</numerusform>
            <numerusform>%1, %n fotogramas, semilla %2, %3</numerusform>
        </translation>
    </message>
    <message>
        <source>the shot was deleted; its clip is in the media folder</source>
        <translation>el plano se eliminó; su clip está en la carpeta de medios</translation>
    </message>
    <message>
        <source>Shot %1: denoising</source>
        <translation>Plano %1: eliminando ruido</translation>
    </message>
    <message>
        <source>Shot %1: starting...</source>
        <translation>Plano %1: iniciando...</translation>
    </message>
    <message numerus="yes">
        <source>Generating shot %1 (%n frames)...</source>
        <translation>
            <numerusform>Generando el plano %1 (%n fotograma)...</numerusform>
            <numerusform>Generando el plano %1 (%n fotogramas)...</numerusform>
        </translation>
    </message>
    <message>
        <source>Shot %1 of %2 in the queue</source>
        <translation>Plano %1 de %2 en la cola</translation>
    </message>
    <message>
        <source>, about %1 left in all</source>
        <translation>, quedan unos %1 en total</translation>
    </message>
    <message>
        <source>Generating %1%</source>
        <translation>Generando %1%</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Iniciando</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <source>Save As waits until no shot is generating: let it finish or cancel it, then save as.</source>
        <translation>«Guardar como» espera a que no se esté generando ningún plano: deja que termine o cancélalo y luego guarda.</translation>
    </message>
</context>
<context>
    <name>kinora::ui::PlotsPanel</name>
    <message>
        <source>Denoising</source>
        <translation>Eliminación de ruido</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entrenamiento</translation>
    </message>
    <message>
        <source>The model folder %1 has no training log.</source>
        <translation>La carpeta del modelo %1 no tiene registro de entrenamiento.</translation>
    </message>
    <message>
        <source>Training log of %1: %2</source>
        <translation>Registro de entrenamiento de %1: %2</translation>
    </message>
</context>
<context>
    <name>kinora::ui::PreviewView</name>
    <message>
        <source>frame %1 / %2</source>
        <translation>fotograma %1 / %2</translation>
    </message>
    <message>
        <source>Select a shot and press Generate, or drop an image here to start a shot from it.</source>
        <translation>Elige un plano y pulsa Generar, o suelta aquí una imagen para empezar un plano con ella.</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ProjectDocument</name>
    <message>
        <source>Untitled</source>
        <translation>Sin título</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>No se puede abrir %1: %2</translation>
    </message>
    <message>
        <source>The project has no file yet: use Save As.</source>
        <translation>El proyecto aún no tiene archivo: usa Guardar como.</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>No se puede guardar %1: %2</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>Falló el guardado automático: %1</translation>
    </message>
    <message>
        <source>Autosave failed: cannot write %1</source>
        <translation>Falló el guardado automático: no se puede escribir %1</translation>
    </message>
    <message>
        <source>Cannot restore %1: its description is missing</source>
        <translation>No se puede restaurar %1: falta su descripción</translation>
    </message>
    <message>
        <source>Cannot restore %1: %2</source>
        <translation>No se puede restaurar %1: %2</translation>
    </message>
    <message>
        <source>Restore autosave</source>
        <translation>Restaurar guardado automático</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ProjectSettingsDialog</name>
    <message>
        <source>Project settings</source>
        <translation>Ajustes del proyecto</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>The model makes frames in multiples of its grid (16 pixels for the embedded one); takes already made keep their size.</source>
        <translation>El modelo genera fotogramas en múltiplos de su cuadrícula (16 píxeles en el integrado); las tomas ya hechas conservan su tamaño.</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Ancho</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Alto</translation>
    </message>
    <message>
        <source> fps</source>
        <translation> fps</translation>
    </message>
    <message>
        <source>Shot lengths are kept in frames: another rate changes their seconds.</source>
        <translation>La duración de los planos se guarda en fotogramas: otra cadencia cambia sus segundos.</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>Cadencia</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>Valor del modelo</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>How strongly clips follow their prompt (classifier-free guidance).</source>
        <translation>Cuánto siguen los clips su indicación (guía sin clasificador).</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>Guía</translation>
    </message>
    <message>
        <source>How much harder a shot that names one character follows the character&apos;s reference look than the model alone would: one more prediction a step.</source>
        <translation>Cuánto más sigue un plano que nombra a un personaje su aspecto de referencia de lo que lo haría el modelo solo: una predicción más por paso.</translation>
    </message>
    <message>
        <source>Reference strength</source>
        <translation>Fuerza de la referencia</translation>
    </message>
    <message>
        <source>Applies to the takes generated from now on; one undo step.</source>
        <translation>Se aplica a las tomas que se generen a partir de ahora; un solo paso de deshacer.</translation>
    </message>
    <message>
        <source>Denoising steps per clip: more is slower and, up to a point, cleaner.</source>
        <translation>Pasos de eliminación de ruido por clip: más es más lento y, hasta cierto punto, más limpio.</translation>
    </message>
    <message>
        <source>Studio default</source>
        <translation>Predeterminado del estudio</translation>
    </message>
    <message>
        <source>The model this project&apos;s shots are made with (Settings lists the models).</source>
        <translation>El modelo con el que se generan los planos de este proyecto (Ajustes enumera los modelos).</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personalizado</translation>
    </message>
    <message>
        <source>The canvases the loaded model is made for.</source>
        <translation>Los lienzos para los que está hecho el modelo cargado.</translation>
    </message>
    <message>
        <source>Canvas preset</source>
        <translation>Lienzo predefinido</translation>
    </message>
    <message>
        <source>%1 (%2x%3)</source>
        <translation>%1 (%2x%3)</translation>
    </message>
    <message>
        <source>FILE[:STRENGTH]; ... (Wan models)</source>
        <translation>ARCHIVO[:INTENSIDAD]; ... (modelos Wan)</translation>
    </message>
    <message>
        <source>LoRA files merged into a Wan model&apos;s denoiser for every shot (each shot may add its own): a path, absolute or inside the project folder, and a strength from -4 to 4 (1 when left out), separated by semicolons.</source>
        <translation>Archivos LoRA fusionados en el eliminador de ruido de un modelo Wan para cada plano (cada plano puede añadir los suyos): una ruta, absoluta o dentro de la carpeta del proyecto, y una intensidad de -4 a 4 (1 si se omite), separados por punto y coma.</translation>
    </message>
    <message>
        <source>LoRA files</source>
        <translation>Archivos LoRA</translation>
    </message>
    <message>
        <source>Crop to fill the canvas</source>
        <translation>Recortar para llenar el lienzo</translation>
    </message>
    <message>
        <source>Keep whole, with bars (Wan VACE paints them)</source>
        <translation>Mantener entera, con franjas (Wan VACE las pinta)</translation>
    </message>
    <message>
        <source>How first and last images of another shape meet the canvas.</source>
        <translation>Cómo se ajustan al lienzo las imágenes inicial y final de otra proporción.</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Imágenes</translation>
    </message>
</context>
<context>
    <name>kinora::ui::PromptEditor</name>
    <message>
        <source>Describe the shot, e.g. @Pip bounces on the beach at night</source>
        <translation>Describe el plano (en inglés), p. ej. @Pip bounces on the beach at night</translation>
    </message>
</context>
<context>
    <name>kinora::ui::QueuePanel</name>
    <message>
        <source>Cancel job</source>
        <translation>Cancelar trabajo</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Quitar terminados</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>en cola</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>iniciando</translation>
    </message>
    <message>
        <source>step %1 / %2</source>
        <translation>paso %1 / %2</translation>
    </message>
    <message>
        <source>, window %1 of %2</source>
        <translation>, ventana %1 de %2</translation>
    </message>
    <message>
        <source>, %1 left</source>
        <translation>, quedan %1</translation>
    </message>
    <message>
        <source>done in %1</source>
        <translation>hecho en %1</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>falló</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>Shot %1</source>
        <translation>Plano %1</translation>
    </message>
    <message>
        <source>A deleted shot</source>
        <translation>Un plano eliminado</translation>
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
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>Carpeta del modelo</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Hilos</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <source>Autosave every</source>
        <translation>Guardar automáticamente cada</translation>
    </message>
    <message>
        <source>Built-in list</source>
        <translation>Lista integrada</translation>
    </message>
    <message>
        <source>Prompts with words of this list are refused before anything is generated (JSON: categories with their words).</source>
        <translation>Los prompts con palabras de esta lista se rechazan antes de generar nada (JSON: categorías con sus palabras).</translation>
    </message>
    <message>
        <source>Prompt word list</source>
        <translation>Lista de palabras de prompts</translation>
    </message>
    <message>
        <source>Word lists (*.json)</source>
        <translation>Listas de palabras (*.json)</translation>
    </message>
    <message>
        <source>Local test certificate</source>
        <translation>Certificado de prueba local</translation>
    </message>
    <message>
        <source>Signing certificate</source>
        <translation>Certificado de firma</translation>
    </message>
    <message>
        <source>PEM certificate chain (*.pem *.crt)</source>
        <translation>Cadena de certificados PEM (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Signs the content credentials (C2PA) of every video the studio writes: your certificate first, then its issuers. Empty: a local test CA made on first use.</source>
        <translation>Firma las credenciales de contenido (C2PA) de cada vídeo que escribe el estudio: primero su certificado, luego sus emisores. Vacío: una CA de prueba local creada en el primer uso.</translation>
    </message>
    <message>
        <source>Its private key</source>
        <translation>Su clave privada</translation>
    </message>
    <message>
        <source>PEM EC key (*.pem *.key)</source>
        <translation>Clave EC PEM (*.pem *.key)</translation>
    </message>
    <message>
        <source>1 (off)</source>
        <translation>1 (desactivado)</translation>
    </message>
    <message>
        <source>Shots that name a character are made this many times a window, and the try whose character is closest to its reference look is kept. Takes this many times as long.</source>
        <translation>Los planos que nombran a un personaje se generan tantas veces por ventana, y se conserva el intento cuyo personaje se parece más a su aspecto de referencia. Tarda tantas veces más.</translation>
    </message>
    <message>
        <source>Tries per window</source>
        <translation>Intentos por ventana</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>On disk</source>
        <translation>En disco</translation>
    </message>
    <message>
        <source>Memory needed</source>
        <translation>Memoria necesaria</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Add folder...</source>
        <translation>Añadir carpeta…</translation>
    </message>
    <message>
        <source>Add files...</source>
        <translation>Añadir archivos…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <source>Model files</source>
        <translation>Archivos del modelo</translation>
    </message>
    <message>
        <source>Weights and tokenizers (*.safetensors *.pth *.pt *.bin *.model)</source>
        <translation>Pesos y tokenizadores (*.safetensors *.pth *.pt *.bin *.model)</translation>
    </message>
    <message>
        <source>Model, threads, device and word list apply when the model is next loaded. A project can name its own model (Project settings).</source>
        <translation>El modelo, los hilos, el dispositivo y la lista de palabras se aplican la próxima vez que se cargue el modelo. Un proyecto puede indicar su propio modelo (Ajustes del proyecto).</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>Embedded (kinora-tiny)</source>
        <translation>Integrado (kinora-tiny)</translation>
    </message>
    <message>
        <source>%1 (%2 free)</source>
        <translation>%1 (%2 libres)</translation>
    </message>
    <message>
        <source>missing: %1</source>
        <translation>falta: %1</translation>
    </message>
    <message>
        <source>too large for this machine&apos;s free memory</source>
        <translation>demasiado grande para la memoria libre de este equipo</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>listo</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>GPU CUDA</translation>
    </message>
    <message>
        <source>This build or machine has no CUDA GPU: models run on the CPU.</source>
        <translation>Esta versión o esta máquina no tiene GPU CUDA: los modelos se ejecutan en la CPU.</translation>
    </message>
    <message>
        <source>Automatic (the free cores of %1)</source>
        <translation>Automático (los núcleos libres de %1)</translation>
    </message>
    <message>
        <source>Automatic uses the cores other programs leave free, measured again while it generates, so a build or a browser beside the studio does not slow it down. A number fixes the threads.</source>
        <translation>Automático usa los núcleos que otros programas dejan libres, medidos de nuevo mientras genera, para que una compilación o un navegador junto al estudio no lo ralenticen. Un número fija los hilos.</translation>
    </message>
    <message>
        <source>Embedded, fast (%1)</source>
        <translation>Integrado, rápido (%1)</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ShotCardDelegate</name>
    <message>
        <source>not generated</source>
        <translation>sin generar</translation>
    </message>
    <message>
        <source>Shot %1</source>
        <translation>Plano %1</translation>
    </message>
    <message>
        <source>(no prompt)</source>
        <translation>(sin prompt)</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ShotInspector</name>
    <message>
        <source>What to avoid (optional)</source>
        <translation>Qué evitar (opcional)</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>Negativo</translation>
    </message>
    <message>
        <source> frames</source>
        <translation> fotogramas</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nueva</translation>
    </message>
    <message>
        <source>Draw a new random seed</source>
        <translation>Sacar una nueva semilla aleatoria</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Semilla</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Last frame</source>
        <translation>Último fotograma</translation>
    </message>
    <message>
        <source>First frame</source>
        <translation>Primer fotograma</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>Continues the previous shot</source>
        <translation>Continúa el plano anterior</translation>
    </message>
    <message>
        <source>Generate shot</source>
        <translation>Generar plano</translation>
    </message>
    <message>
        <source>No shot selected</source>
        <translation>Ningún plano seleccionado</translation>
    </message>
    <message>
        <source>Shot %1</source>
        <translation>Plano %1</translation>
    </message>
    <message>
        <source>Unknown character: %1. Add it in Characters or fix the name.</source>
        <translation>Personaje desconocido: %1. Añádelo en Personajes o corrige el nombre.</translation>
    </message>
    <message>
        <source>%1 s at %2 fps</source>
        <translation>%1 s a %2 fps</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>ninguna todavía</translation>
    </message>
    <message>
        <source>FILE[:STRENGTH]; ... (Wan models)</source>
        <translation>ARCHIVO[:INTENSIDAD]; ... (modelos Wan)</translation>
    </message>
    <message>
        <source>LoRA files for this shot, after the project&apos;s: a path and a strength from -4 to 4, separated by semicolons.</source>
        <translation>Archivos LoRA de este plano, después de los del proyecto: una ruta y una intensidad de -4 a 4, separados por punto y coma.</translation>
    </message>
    <message>
        <source>LoRA files</source>
        <translation>Archivos LoRA</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Fijar</translation>
    </message>
    <message>
        <source>Locked: generating again makes the same take. Unlocked: each new take of a shot that has one is a variation with a new seed.</source>
        <translation>Fijada: generar de nuevo da la misma toma. Libre: cada toma nueva de un plano que ya tiene una es una variación con una semilla nueva.</translation>
    </message>
    <message>
        <source>The shot&apos;s takes, newest first: click one to use it in the cut</source>
        <translation>Las tomas del plano, la más reciente primero: haz clic en una para usarla en el montaje</translation>
    </message>
    <message>
        <source>Takes</source>
        <translation>Tomas</translation>
    </message>
    <message>
        <source>Write what happens in this shot: an empty prompt is not generated.</source>
        <translation>Escribe lo que ocurre en este plano: un prompt vacío no se genera.</translation>
    </message>
    <message>
        <source>This is the first shot now: there is no shot before it to continue. Untick &quot;Continues the previous shot&quot; or move it.</source>
        <translation>Ahora es el primer plano: no hay ningún plano antes que continuar. Desmarca «Continúa el plano anterior» o muévelo.</translation>
    </message>
    <message>
        <source>The first shot has no shot before it to continue.</source>
        <translation>El primer plano no tiene ningún plano anterior que continuar.</translation>
    </message>
    <message>
        <source>%1
seed %2</source>
        <translation>%1
semilla %2</translation>
    </message>
    <message>
        <source>%1: seed %2, %3 steps, made %4</source>
        <translation>%1: semilla %2, %3 pasos, creada %4</translation>
    </message>
    <message>
        <source>%1 does not make &quot;%2&quot; shots.</source>
        <translation>%1 no hace planos «%2».</translation>
    </message>
    <message>
        <source>%1 does not make &quot;%2&quot; shots; it makes: %3. Choose another mode, or another model in the project&apos;s settings.</source>
        <translation>%1 no hace planos «%2»; hace: %3. Elija otro modo u otro modelo en los ajustes del proyecto.</translation>
    </message>
    <message>
        <source>%1 does not continue shots.</source>
        <translation>%1 no continúa planos.</translation>
    </message>
</context>
<context>
    <name>kinora::ui::StepPlot</name>
    <message>
        <source>step</source>
        <translation>paso</translation>
    </message>
    <message>
        <source>prediction change</source>
        <translation>Δ predicción</translation>
    </message>
</context>
<context>
    <name>kinora::ui::StoryboardModel</name>
    <message>
        <source>Text to video</source>
        <translation>Texto a vídeo</translation>
    </message>
    <message>
        <source>Image to video</source>
        <translation>Imagen a vídeo</translation>
    </message>
    <message>
        <source>Extend forward</source>
        <translation>Extender hacia delante</translation>
    </message>
    <message>
        <source>Extend backward</source>
        <translation>Extender hacia atrás</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>Bucle</translation>
    </message>
    <message>
        <source>Shot %1: %2</source>
        <translation>Plano %1: %2</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Move shot</source>
        <translation>Mover plano</translation>
    </message>
    <message numerus="yes">
        <source>Move %n shots</source>
        <translation>
            <numerusform>Mover %n plano</numerusform>
            <numerusform>Mover %n planos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kinora::ui::TimelinePanel</name>
    <message>
        <source>Play</source>
        <translation>Reproducir</translation>
    </message>
    <message>
        <source>Zoom (Ctrl+wheel on the timeline)</source>
        <translation>Zoom (Ctrl+rueda en la línea de tiempo)</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>%1 / %2 (%3 fps)</source>
        <translation>%1 / %2 (%3 fps)</translation>
    </message>
    <message>
        <source>Play or pause the cut (Space; J backward, K pause, L forward)</source>
        <translation>Reproducir o pausar el montaje (Espacio; J atrás, K pausa, L adelante)</translation>
    </message>
</context>
<context>
    <name>kinora::ui::TimelineView</name>
    <message>
        <source>%1 (no take)</source>
        <translation>%1 (sin toma)</translation>
    </message>
</context>
</TS>
