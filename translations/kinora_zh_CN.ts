<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>OperationCommand</name>
    <message>
        <source>Add shot %1</source>
        <translation>添加镜头 %1</translation>
    </message>
    <message>
        <source>Delete shot %1</source>
        <translation>删除镜头 %1</translation>
    </message>
    <message>
        <source>Move shot %1 to %2</source>
        <translation>将镜头 %1 移到 %2</translation>
    </message>
    <message>
        <source>Edit shot %1</source>
        <translation>编辑镜头 %1</translation>
    </message>
    <message>
        <source>Add character %1</source>
        <translation>添加角色 %1</translation>
    </message>
    <message>
        <source>Delete character %1</source>
        <translation>删除角色 %1</translation>
    </message>
    <message>
        <source>Rename character to %1</source>
        <translation>将角色重命名为 %1</translation>
    </message>
    <message>
        <source>Edit character %1</source>
        <translation>编辑角色 %1</translation>
    </message>
    <message>
        <source>Change project settings</source>
        <translation>更改项目设置</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
</context>
<context>
    <name>kinora::ui::CharactersPanel</name>
    <message>
        <source>Add character</source>
        <translation>添加角色</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>In the model&apos;s words: a size (small, big), a colour (red, orange, yellow, green, blue, purple, pink, white) and a shape (ball, square, triangle, star, ring, cross).</source>
        <translation>使用模型的英文词汇：大小（small, big）、颜色（red, orange, yellow, green, blue, purple, pink, white）和形状（ball, square, triangle, star, ring, cross）。</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参考图</translation>
    </message>
    <message>
        <source>Without a reference image the model is shown the character drawn from its appearance words.</source>
        <translation>没有参考图时，模型看到的是根据外观词汇绘制的角色。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>How the model is shown this character</source>
        <translation>模型看到的这个角色</translation>
    </message>
    <message>
        <source>Look</source>
        <translation>样子</translation>
    </message>
    <message>
        <source>Reference image</source>
        <translation>参考图像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>cannot draw</source>
        <translation>无法绘制</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>The whole cut (selected takes, in storyboard order)</source>
        <translation>整个剪辑（所选镜次，按故事板顺序）</translation>
    </message>
    <message>
        <source>The selected shot&apos;s take</source>
        <translation>所选镜头的镜次</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>H.264 MP4 (yuv420p, BT.709)</source>
        <translation>H.264 MP4（yuv420p，BT.709）</translation>
    </message>
    <message>
        <source>PNG sequence (lossless)</source>
        <translation>PNG 序列（无损）</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目标位置</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>H.264 video (*.mp4)</source>
        <translation>H.264 视频 (*.mp4)</translation>
    </message>
    <message>
        <source>Export frames into</source>
        <translation>将帧导出到</translation>
    </message>
    <message>
        <source>The cut as a timeline for editing software</source>
        <translation>作为剪辑软件时间线的整个剪辑</translation>
    </message>
    <message>
        <source>FCPXML 1.10 (Final Cut, Resolve)</source>
        <translation>FCPXML 1.10（Final Cut、Resolve）</translation>
    </message>
    <message>
        <source>FCP7 XML (Premiere, Resolve)</source>
        <translation>FCP7 XML（Premiere、Resolve）</translation>
    </message>
    <message>
        <source>CMX3600 EDL (Avid)</source>
        <translation>CMX3600 EDL（Avid）</translation>
    </message>
    <message>
        <source>Timelines</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>The media are conformed to this rate; times are exact frames.</source>
        <translation>媒体会转换为此帧率；时间均为精确的帧数。</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <source>Export the timeline into</source>
        <translation>将时间线导出到</translation>
    </message>
    <message>
        <source>ProRes 422 HQ (10-bit 4:2:2)</source>
        <translation>ProRes 422 HQ（10 位 4:2:2）</translation>
    </message>
    <message>
        <source>DNxHR HQ (8-bit 4:2:2)</source>
        <translation>DNxHR HQ（8 位 4:2:2）</translation>
    </message>
    <message>
        <source>H.264 (4:2:0, small files)</source>
        <translation>H.264（4:2:0，文件小）</translation>
    </message>
    <message>
        <source>The media&apos;s codec, in MOV files with a timecode track and reel name.</source>
        <translation>媒体的编解码器，写入带时间码轨道和卷名的 MOV 文件。</translation>
    </message>
    <message>
        <source>Media codec</source>
        <translation>媒体编解码器</translation>
    </message>
    <message>
        <source>The canvas size</source>
        <translation>画布大小</translation>
    </message>
    <message>
        <source>%1 lines high</source>
        <translation>高 %1 行</translation>
    </message>
    <message>
        <source>Upscales the media on export; the width keeps the canvas proportions.</source>
        <translation>导出时放大媒体；宽度保持画布比例。</translation>
    </message>
    <message>
        <source>Media size</source>
        <translation>媒体尺寸</translation>
    </message>
    <message>
        <source>Lanczos (sharp)</source>
        <translation>Lanczos（锐利）</translation>
    </message>
    <message>
        <source>Bicubic (smooth)</source>
        <translation>双三次（平滑）</translation>
    </message>
    <message>
        <source>Nearest (hard pixels)</source>
        <translation>最近邻（硬像素）</translation>
    </message>
    <message>
        <source>Upscaling filter</source>
        <translation>放大滤镜</translation>
    </message>
    <message>
        <source>ProRes 422 HQ MOV (10-bit 4:2:2)</source>
        <translation>ProRes 422 HQ MOV（10 位 4:2:2）</translation>
    </message>
    <message>
        <source>DNxHR HQ MOV (at least 256 x 120)</source>
        <translation>DNxHR HQ MOV（至少 256 x 120）</translation>
    </message>
    <message>
        <source>QuickTime video (*.mov)</source>
        <translation>QuickTime 视频 (*.mov)</translation>
    </message>
    <message>
        <source>OpenTimelineIO (Resolve, Premiere)</source>
        <translation>OpenTimelineIO（Resolve、Premiere）</translation>
    </message>
    <message>
        <source>Kdenlive project</source>
        <translation>Kdenlive 项目</translation>
    </message>
    <message>
        <source>Shotcut project</source>
        <translation>Shotcut 项目</translation>
    </message>
    <message>
        <source>MLT XML (melt)</source>
        <translation>MLT XML（melt）</translation>
    </message>
    <message>
        <source>Where it is written</source>
        <translation>写入的位置</translation>
    </message>
    <message>
        <source>Where the editing machine will see the export folder (for example /Volumes/film/edit or D:/film/edit). FCPXML and FCP7 XML name their media there; OpenTimelineIO, EDL, MLT, Kdenlive and Shotcut name them relative to their file, so the folder can be moved as a whole.</source>
        <translation>剪辑机器上看到导出文件夹的位置（例如 /Volumes/film/edit 或 D:/film/edit）。FCPXML 和 FCP7 XML 在那里指定媒体；OpenTimelineIO、EDL、MLT、Kdenlive 和 Shotcut 使用相对于自身文件的路径，因此文件夹可以整体移动。</translation>
    </message>
    <message>
        <source>Media root</source>
        <translation>媒体根目录</translation>
    </message>
</context>
<context>
    <name>kinora::ui::InferenceWorker</name>
    <message>
        <source>best of %1 tries a window</source>
        <translation>每个窗口 %1 次尝试中的最佳</translation>
    </message>
    <message>
        <source>one try a window: %1</source>
        <translation>每个窗口一次尝试：%1</translation>
    </message>
</context>
<context>
    <name>kinora::ui::LoraText</name>
    <message>
        <source>at most %1 LoRA files</source>
        <translation>最多 %1 个 LoRA 文件</translation>
    </message>
</context>
<context>
    <name>kinora::ui::MainWindow</name>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>%1 has changes that are not saved. Save them?</source>
        <translation>%1 有未保存的更改。要保存吗？</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Storyboard</source>
        <translation>故事板</translation>
    </message>
    <message>
        <source>Add shot</source>
        <translation>添加镜头</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Generate missing</source>
        <translation>生成缺失镜头</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New project</source>
        <translation>新建项目(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;as...</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Export...</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Se&amp;ttings...</source>
        <translation>设置(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Add &amp;shot</source>
        <translation>添加镜头(&amp;S)</translation>
    </message>
    <message>
        <source>Add &amp;character</source>
        <translation>添加角色(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Generate selected shots</source>
        <translation>生成所选镜头(&amp;G)</translation>
    </message>
    <message>
        <source>Generate &amp;missing shots</source>
        <translation>生成缺失的镜头(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Play / pause</source>
        <translation>播放 / 暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Kinora Studio</source>
        <translation>关于 Kinora Studio(&amp;A)</translation>
    </message>
    <message>
        <source>About Kinora Studio</source>
        <translation>关于 Kinora Studio</translation>
    </message>
    <message>
        <source>Kinora Studio %1
AI video generation on your own machine.</source>
        <translation>Kinora Studio %1
在你自己的电脑上进行 AI 视频生成。</translation>
    </message>
    <message>
        <source>%1[*] - Kinora Studio</source>
        <translation>%1[*] - Kinora Studio</translation>
    </message>
    <message>
        <source>Shot %1 has no take yet: press Generate.</source>
        <translation>镜头 %1 还没有镜次：请点击“生成”。</translation>
    </message>
    <message>
        <source>Shot %1, frame %2</source>
        <translation>镜头 %1，第 %2 帧</translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n shots</source>
        <translation>
            <numerusform>复制 %n 个镜头</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n shots</source>
        <translation>
            <numerusform>删除 %n 个镜头</numerusform>
        </translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Kinora projects (*.kinora)</source>
        <translation>Kinora 项目 (*.kinora)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <source>Kinora Studio did not close properly last time. Restore the autosaved project from %1?</source>
        <translation>Kinora Studio 上次未正常关闭。要恢复 %1 自动保存的项目吗？</translation>
    </message>
    <message>
        <source>Restored the autosaved project; save it to keep it.</source>
        <translation>已恢复自动保存的项目；请保存以保留它。</translation>
    </message>
    <message>
        <source>Cannot use %1 as an image: %2</source>
        <translation>无法将 %1 用作图像：%2</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>Cannot copy %1 into the project</source>
        <translation>无法将 %1 复制到项目中</translation>
    </message>
    <message numerus="yes">
        <source>Add %n image shots</source>
        <translation>
            <numerusform>添加 %n 个图像镜头</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n image-to-video shots: write what happens, then Generate.</source>
        <translation>
            <numerusform>已添加 %n 个图生视频镜头：写下发生的事情，然后生成。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose where to export to.</source>
        <translation>请选择导出位置。</translation>
    </message>
    <message>
        <source>Shot %1 has no take yet: generate it first.</source>
        <translation>镜头 %1 还没有镜次：请先生成。</translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation>无法导出：%1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Model %1 (%2 M parameters)</source>
        <translation>模型 %1（%2 M 参数）</translation>
    </message>
    <message>
        <source>The model could not be loaded: %1</source>
        <translation>无法加载模型：%1</translation>
    </message>
    <message>
        <source>Every shot has a take.</source>
        <translation>每个镜头都有镜次。</translation>
    </message>
    <message>
        <source>Shot %1 mentions @%2, who is not a character of this project. Add the character or fix the name, then generate again.</source>
        <translation>镜头 %1 提到了 @%2，但它不是本项目的角色。请添加该角色或修正名称，然后重新生成。</translation>
    </message>
    <message>
        <source>The clip was made but could not be stored: %1</source>
        <translation>片段已生成但无法保存：%1</translation>
    </message>
    <message>
        <source>The shot was deleted while it was generated; its clip is kept in the media folder.</source>
        <translation>镜头在生成期间被删除；其片段保留在媒体文件夹中。</translation>
    </message>
    <message>
        <source>Kinora Studio</source>
        <translation>Kinora Studio</translation>
    </message>
    <message>
        <source>Choose at least one timeline format.</source>
        <translation>请至少选择一种时间线格式。</translation>
    </message>
    <message>
        <source>Exporting the timeline to %1...</source>
        <translation>正在将时间线导出到 %1…</translation>
    </message>
    <message>
        <source>Exported the timeline and its media to %1</source>
        <translation>已将时间线及其媒体导出到 %1</translation>
    </message>
    <message>
        <source>Content credentials: %1 (the local test certificate signs instead)</source>
        <translation>内容凭据：%1（改用本地测试证书签名）</translation>
    </message>
    <message>
        <source>Check &amp;content credentials...</source>
        <translation>检查内容凭据(&amp;C)...</translation>
    </message>
    <message>
        <source>The signing certificate was not changed: %1</source>
        <translation>签名证书未更改：%1</translation>
    </message>
    <message>
        <source>Unreadable: not an MP4 or MOV file.</source>
        <translation>无法读取：不是 MP4 或 MOV 文件。</translation>
    </message>
    <message>
        <source>No content credentials: nothing says where this file came from.</source>
        <translation>没有内容凭据：无从得知此文件的来源。</translation>
    </message>
    <message>
        <source>Invalid: the file changed after it was signed, or its credentials are damaged.</source>
        <translation>无效：文件在签名后被更改，或其凭据已损坏。</translation>
    </message>
    <message>
        <source>Valid, signed by a trusted certificate.</source>
        <translation>有效，由受信任的证书签名。</translation>
    </message>
    <message>
        <source>Valid, but the signer is not on the trust list.</source>
        <translation>有效，但签名者不在信任列表中。</translation>
    </message>
    <message>
        <source>Made with: %1</source>
        <translation>制作工具：%1</translation>
    </message>
    <message>
        <source>Action: %1</source>
        <translation>操作：%1</translation>
    </message>
    <message>
        <source>Invisible watermark id: %1</source>
        <translation>隐形水印 ID：%1</translation>
    </message>
    <message>
        <source>Signed by: %1</source>
        <translation>签名者：%1</translation>
    </message>
    <message>
        <source>This build has no content credentials support.</source>
        <translation>此版本不支持内容凭据。</translation>
    </message>
    <message>
        <source>Check content credentials</source>
        <translation>检查内容凭据</translation>
    </message>
    <message>
        <source>Video (*.mp4 *.mov)</source>
        <translation>视频 (*.mp4 *.mov)</translation>
    </message>
    <message>
        <source>Content credentials</source>
        <translation>内容凭据</translation>
    </message>
    <message>
        <source>Select the shot to export.</source>
        <translation>请选择要导出的镜头。</translation>
    </message>
    <message>
        <source>This build has no FFmpeg: export a PNG sequence.</source>
        <translation>此版本没有 FFmpeg：请导出 PNG 序列。</translation>
    </message>
    <message>
        <source>&amp;Project settings...</source>
        <translation>项目设置(&amp;P)…</translation>
    </message>
    <message>
        <source>The project settings were not changed: %1</source>
        <translation>项目设置未更改：%1</translation>
    </message>
    <message>
        <source>%1 already has three reference pictures; clear them to choose others</source>
        <translation>%1 已有三张参考图片；请先清除，再选择其他图片</translation>
    </message>
    <message>
        <source>Shot 1 continues the previous shot, but it is the first shot now: there is nothing before it to continue.</source>
        <translation>镜头 1 接续前一个镜头，但它现在是第一个镜头：前面没有可接续的镜头。</translation>
    </message>
    <message>
        <source>Shot</source>
        <comment>the shot inspector&apos;s title</comment>
        <translation>镜头</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Play &amp;backward</source>
        <translation>倒放(&amp;B)</translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation>暂停(&amp;U)</translation>
    </message>
    <message>
        <source>Play &amp;forward</source>
        <translation>正放(&amp;F)</translation>
    </message>
    <message>
        <source>Opened %1: %2, %3</source>
        <translation>已打开 %1：%2，%3</translation>
    </message>
    <message numerus="yes">
        <source>%n shots</source>
        <translation>
            <numerusform>%n 个镜头</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n characters</source>
        <translation>
            <numerusform>%n 个角色</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shots have no take yet (%1).</source>
        <translation>
            <numerusform>%n 个镜头还没有镜次（%1）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Generate them now and export when they are done?</source>
        <translation>现在生成，完成后再导出？</translation>
    </message>
    <message>
        <source>Nothing was exported: %1</source>
        <translation>未导出任何内容：%1</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n frames to %1...</source>
        <translation>
            <numerusform>正在将 %n 帧导出到 %1...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n steps; nothing was changed.</source>
        <translation>
            <numerusform>在 %n 步后取消；未做任何更改。</numerusform>
        </translation>
    </message>
    <message>
        <source>the model could not be loaded</source>
        <translation>无法加载模型</translation>
    </message>
    <message>
        <source>Shot %1 has no prompt: write what happens in it, then generate.</source>
        <translation>镜头 %1 没有提示词：写下其中发生的事，然后生成。</translation>
    </message>
    <message>
        <source>Shot 1 is set to continue the shot before it, but it is the first shot: untick &quot;Continues the previous shot&quot; or move it after another shot.</source>
        <translation>镜头 1 被设为接续前一个镜头，但它是第一个镜头：请取消勾选“接续前一个镜头”，或把它移到另一个镜头之后。</translation>
    </message>
    <message>
        <source>Shot %1: %2</source>
        <translation>镜头 %1：%2</translation>
    </message>
    <message>
        <source>the shot was deleted</source>
        <translation>镜头已删除</translation>
    </message>
    <message>
        <source>Shot %1 cannot be generated: %2</source>
        <translation>无法生成镜头 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was exported: %n shots still have no take.</source>
        <translation>
            <numerusform>未导出任何内容：仍有 %n 个镜头没有镜次。</numerusform>
        </translation>
    </message>
    <message>
        <source>for a project that was closed</source>
        <translation>用于已关闭的项目</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n frames, seed %2, %3</source>
        <translation>
            <numerusform>%1，%n 帧，种子 %2，%3</numerusform>
        </translation>
    </message>
    <message>
        <source>the shot was deleted; its clip is in the media folder</source>
        <translation>镜头已删除；其片段在媒体文件夹中</translation>
    </message>
    <message>
        <source>Shot %1: denoising</source>
        <translation>镜头 %1：去噪中</translation>
    </message>
    <message>
        <source>Shot %1: starting...</source>
        <translation>镜头 %1：正在开始...</translation>
    </message>
    <message numerus="yes">
        <source>Generating shot %1 (%n frames)...</source>
        <translation>
            <numerusform>正在生成镜头 %1（%n 帧）...</numerusform>
        </translation>
    </message>
    <message>
        <source>Shot %1 of %2 in the queue</source>
        <translation>队列中第 %1 个，共 %2 个</translation>
    </message>
    <message>
        <source>, about %1 left in all</source>
        <translation>，总共约剩 %1</translation>
    </message>
    <message>
        <source>Generating %1%</source>
        <translation>生成中 %1%</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>正在开始</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Save As waits until no shot is generating: let it finish or cancel it, then save as.</source>
        <translation>“另存为”需等到没有镜头在生成：请等待完成或取消，然后再另存为。</translation>
    </message>
</context>
<context>
    <name>kinora::ui::PlotsPanel</name>
    <message>
        <source>Denoising</source>
        <translation>去噪</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>The model folder %1 has no training log.</source>
        <translation>模型文件夹 %1 中没有训练日志。</translation>
    </message>
    <message>
        <source>Training log of %1: %2</source>
        <translation>%1 的训练日志：%2</translation>
    </message>
</context>
<context>
    <name>kinora::ui::PreviewView</name>
    <message>
        <source>frame %1 / %2</source>
        <translation>第 %1 / %2 帧</translation>
    </message>
    <message>
        <source>Select a shot and press Generate, or drop an image here to start a shot from it.</source>
        <translation>选择一个镜头并点击“生成”，或将图像拖到这里以它开始一个镜头。</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ProjectDocument</name>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>The project has no file yet: use Save As.</source>
        <translation>项目还没有文件：请使用“另存为”。</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
    <message>
        <source>Autosave failed: cannot write %1</source>
        <translation>自动保存失败：无法写入 %1</translation>
    </message>
    <message>
        <source>Cannot restore %1: its description is missing</source>
        <translation>无法恢复 %1：缺少其说明文件</translation>
    </message>
    <message>
        <source>Cannot restore %1: %2</source>
        <translation>无法恢复 %1：%2</translation>
    </message>
    <message>
        <source>Restore autosave</source>
        <translation>恢复自动保存</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ProjectSettingsDialog</name>
    <message>
        <source>Project settings</source>
        <translation>项目设置</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>The model makes frames in multiples of its grid (16 pixels for the embedded one); takes already made keep their size.</source>
        <translation>模型按其网格的整数倍生成画面（内置模型为 16 像素）；已生成的镜次保持原尺寸。</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source> fps</source>
        <translation> 帧/秒</translation>
    </message>
    <message>
        <source>Shot lengths are kept in frames: another rate changes their seconds.</source>
        <translation>镜头长度以帧数保存：改变帧率会改变其秒数。</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>模型默认值</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>How strongly clips follow their prompt (classifier-free guidance).</source>
        <translation>片段遵循提示词的强度（无分类器引导）。</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>引导强度</translation>
    </message>
    <message>
        <source>How much harder a shot that names one character follows the character&apos;s reference look than the model alone would: one more prediction a step.</source>
        <translation>点名一个角色的镜头比模型自身更紧密地遵循该角色参考外观的程度：每步多一次预测。</translation>
    </message>
    <message>
        <source>Reference strength</source>
        <translation>参考强度</translation>
    </message>
    <message>
        <source>Applies to the takes generated from now on; one undo step.</source>
        <translation>适用于此后生成的镜次；可一步撤销。</translation>
    </message>
    <message>
        <source>Denoising steps per clip: more is slower and, up to a point, cleaner.</source>
        <translation>每个片段的去噪步数：越多越慢，在一定范围内越干净。</translation>
    </message>
    <message>
        <source>Studio default</source>
        <translation>工作室默认</translation>
    </message>
    <message>
        <source>The model this project&apos;s shots are made with (Settings lists the models).</source>
        <translation>用于生成本项目镜头的模型（设置中列出了各模型）。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>The canvases the loaded model is made for.</source>
        <translation>已加载模型所适配的画布。</translation>
    </message>
    <message>
        <source>Canvas preset</source>
        <translation>画布预设</translation>
    </message>
    <message>
        <source>%1 (%2x%3)</source>
        <translation>%1（%2x%3）</translation>
    </message>
    <message>
        <source>FILE[:STRENGTH]; ... (Wan models)</source>
        <translation>文件[:强度]; ...（Wan 模型）</translation>
    </message>
    <message>
        <source>LoRA files merged into a Wan model&apos;s denoiser for every shot (each shot may add its own): a path, absolute or inside the project folder, and a strength from -4 to 4 (1 when left out), separated by semicolons.</source>
        <translation>为每个镜头合并到 Wan 模型去噪器中的 LoRA 文件（每个镜头还可添加自己的）：绝对路径或项目文件夹内的路径，以及 -4 到 4 的强度（省略时为 1），用分号分隔。</translation>
    </message>
    <message>
        <source>LoRA files</source>
        <translation>LoRA 文件</translation>
    </message>
    <message>
        <source>Crop to fill the canvas</source>
        <translation>裁剪以填满画布</translation>
    </message>
    <message>
        <source>Keep whole, with bars (Wan VACE paints them)</source>
        <translation>完整保留并加边（由 Wan VACE 绘制边缘）</translation>
    </message>
    <message>
        <source>How first and last images of another shape meet the canvas.</source>
        <translation>比例不同的首帧和尾帧图片如何适配画布。</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
</context>
<context>
    <name>kinora::ui::PromptEditor</name>
    <message>
        <source>Describe the shot, e.g. @Pip bounces on the beach at night</source>
        <translation>用英文描述镜头，例如 @Pip bounces on the beach at night</translation>
    </message>
</context>
<context>
    <name>kinora::ui::QueuePanel</name>
    <message>
        <source>Cancel job</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>清除已完成</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>正在开始</translation>
    </message>
    <message>
        <source>step %1 / %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <source>, window %1 of %2</source>
        <translation>，窗口 %1 / %2</translation>
    </message>
    <message>
        <source>, %1 left</source>
        <translation>，剩余 %1</translation>
    </message>
    <message>
        <source>done in %1</source>
        <translation>用时 %1 完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Shot %1</source>
        <translation>镜头 %1</translation>
    </message>
    <message>
        <source>A deleted shot</source>
        <translation>已删除的镜头</translation>
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
        <translation>设置</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Autosave every</source>
        <translation>自动保存间隔</translation>
    </message>
    <message>
        <source>Built-in list</source>
        <translation>内置列表</translation>
    </message>
    <message>
        <source>Prompts with words of this list are refused before anything is generated (JSON: categories with their words).</source>
        <translation>包含此列表中词语的提示词会在生成之前被拒绝（JSON：类别及其词语）。</translation>
    </message>
    <message>
        <source>Prompt word list</source>
        <translation>提示词词表</translation>
    </message>
    <message>
        <source>Word lists (*.json)</source>
        <translation>词表 (*.json)</translation>
    </message>
    <message>
        <source>Local test certificate</source>
        <translation>本地测试证书</translation>
    </message>
    <message>
        <source>Signing certificate</source>
        <translation>签名证书</translation>
    </message>
    <message>
        <source>PEM certificate chain (*.pem *.crt)</source>
        <translation>PEM 证书链 (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Signs the content credentials (C2PA) of every video the studio writes: your certificate first, then its issuers. Empty: a local test CA made on first use.</source>
        <translation>为工作室写出的每个视频的内容凭据（C2PA）签名：先是您的证书，然后是其签发者。留空：首次使用时创建的本地测试 CA。</translation>
    </message>
    <message>
        <source>Its private key</source>
        <translation>其私钥</translation>
    </message>
    <message>
        <source>PEM EC key (*.pem *.key)</source>
        <translation>PEM EC 密钥 (*.pem *.key)</translation>
    </message>
    <message>
        <source>1 (off)</source>
        <translation>1（关闭）</translation>
    </message>
    <message>
        <source>Shots that name a character are made this many times a window, and the try whose character is closest to its reference look is kept. Takes this many times as long.</source>
        <translation>提到角色的镜头在每个窗口生成这么多次，保留角色最接近其参考外观的那一次。耗时相应成倍增加。</translation>
    </message>
    <message>
        <source>Tries per window</source>
        <translation>每个窗口的尝试次数</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>系列</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>On disk</source>
        <translation>磁盘占用</translation>
    </message>
    <message>
        <source>Memory needed</source>
        <translation>所需内存</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Add folder...</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Add files...</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Model files</source>
        <translation>模型文件</translation>
    </message>
    <message>
        <source>Weights and tokenizers (*.safetensors *.pth *.pt *.bin *.model)</source>
        <translation>权重与分词器 (*.safetensors *.pth *.pt *.bin *.model)</translation>
    </message>
    <message>
        <source>Model, threads, device and word list apply when the model is next loaded. A project can name its own model (Project settings).</source>
        <translation>模型、线程、设备和词表在下次加载模型时生效。项目可以指定自己的模型（项目设置）。</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>Embedded (kinora-tiny)</source>
        <translation>内置（kinora-tiny）</translation>
    </message>
    <message>
        <source>%1 (%2 free)</source>
        <translation>%1（可用 %2）</translation>
    </message>
    <message>
        <source>missing: %1</source>
        <translation>缺少：%1</translation>
    </message>
    <message>
        <source>too large for this machine&apos;s free memory</source>
        <translation>超出本机可用内存</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <source>This build or machine has no CUDA GPU: models run on the CPU.</source>
        <translation>此版本或此机器没有 CUDA GPU：模型在 CPU 上运行。</translation>
    </message>
    <message>
        <source>Automatic (the free cores of %1)</source>
        <translation>自动（%1 个核心中空闲的）</translation>
    </message>
    <message>
        <source>Automatic uses the cores other programs leave free, measured again while it generates, so a build or a browser beside the studio does not slow it down. A number fixes the threads.</source>
        <translation>自动模式使用其他程序空出的核心，并在生成过程中重新测量，因此工作室旁边的编译或浏览器不会拖慢它。填写数字则固定线程数。</translation>
    </message>
    <message>
        <source>Embedded, fast (%1)</source>
        <translation>内置，快速（%1）</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ShotCardDelegate</name>
    <message>
        <source>not generated</source>
        <translation>未生成</translation>
    </message>
    <message>
        <source>Shot %1</source>
        <translation>镜头 %1</translation>
    </message>
    <message>
        <source>(no prompt)</source>
        <translation>（无提示词）</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ShotInspector</name>
    <message>
        <source>What to avoid (optional)</source>
        <translation>要避免的内容（可选）</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>反向提示</translation>
    </message>
    <message>
        <source> frames</source>
        <translation> 帧</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新的</translation>
    </message>
    <message>
        <source>Draw a new random seed</source>
        <translation>随机生成新种子</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Last frame</source>
        <translation>最后一帧</translation>
    </message>
    <message>
        <source>First frame</source>
        <translation>第一帧</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>Continues the previous shot</source>
        <translation>延续上一个镜头</translation>
    </message>
    <message>
        <source>Generate shot</source>
        <translation>生成镜头</translation>
    </message>
    <message>
        <source>No shot selected</source>
        <translation>未选择镜头</translation>
    </message>
    <message>
        <source>Shot %1</source>
        <translation>镜头 %1</translation>
    </message>
    <message>
        <source>Unknown character: %1. Add it in Characters or fix the name.</source>
        <translation>未知角色：%1。请在“角色”中添加或修正名称。</translation>
    </message>
    <message>
        <source>%1 s at %2 fps</source>
        <translation>%1 秒，%2 fps</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>FILE[:STRENGTH]; ... (Wan models)</source>
        <translation>文件[:强度]; ...（Wan 模型）</translation>
    </message>
    <message>
        <source>LoRA files for this shot, after the project&apos;s: a path and a strength from -4 to 4, separated by semicolons.</source>
        <translation>此镜头的 LoRA 文件（在项目的之后应用）：路径和 -4 到 4 的强度，用分号分隔。</translation>
    </message>
    <message>
        <source>LoRA files</source>
        <translation>LoRA 文件</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Locked: generating again makes the same take. Unlocked: each new take of a shot that has one is a variation with a new seed.</source>
        <translation>锁定：再次生成得到相同的镜次。未锁定：已有镜次的镜头每个新镜次都是使用新种子的变体。</translation>
    </message>
    <message>
        <source>The shot&apos;s takes, newest first: click one to use it in the cut</source>
        <translation>镜头的镜次，最新的在前：点击以在剪辑中使用</translation>
    </message>
    <message>
        <source>Takes</source>
        <translation>镜次</translation>
    </message>
    <message>
        <source>Write what happens in this shot: an empty prompt is not generated.</source>
        <translation>写下这个镜头中发生的事：空提示词不会生成。</translation>
    </message>
    <message>
        <source>This is the first shot now: there is no shot before it to continue. Untick &quot;Continues the previous shot&quot; or move it.</source>
        <translation>这现在是第一个镜头：前面没有可接续的镜头。请取消勾选“接续前一个镜头”或移动它。</translation>
    </message>
    <message>
        <source>The first shot has no shot before it to continue.</source>
        <translation>第一个镜头前面没有可接续的镜头。</translation>
    </message>
    <message>
        <source>%1
seed %2</source>
        <translation>%1
种子 %2</translation>
    </message>
    <message>
        <source>%1: seed %2, %3 steps, made %4</source>
        <translation>%1：种子 %2，%3 步，创建于 %4</translation>
    </message>
    <message>
        <source>%1 does not make &quot;%2&quot; shots.</source>
        <translation>%1 不能生成“%2”镜头。</translation>
    </message>
    <message>
        <source>%1 does not make &quot;%2&quot; shots; it makes: %3. Choose another mode, or another model in the project&apos;s settings.</source>
        <translation>%1 不能生成“%2”镜头；它能生成：%3。请选择其他模式，或在项目设置中选择其他模型。</translation>
    </message>
    <message>
        <source>%1 does not continue shots.</source>
        <translation>%1 不能延续镜头。</translation>
    </message>
</context>
<context>
    <name>kinora::ui::StepPlot</name>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>prediction change</source>
        <translation>预测变化</translation>
    </message>
</context>
<context>
    <name>kinora::ui::StoryboardModel</name>
    <message>
        <source>Text to video</source>
        <translation>文生视频</translation>
    </message>
    <message>
        <source>Image to video</source>
        <translation>图生视频</translation>
    </message>
    <message>
        <source>Extend forward</source>
        <translation>向后延伸</translation>
    </message>
    <message>
        <source>Extend backward</source>
        <translation>向前延伸</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>Shot %1: %2</source>
        <translation>镜头 %1：%2</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Move shot</source>
        <translation>移动镜头</translation>
    </message>
    <message numerus="yes">
        <source>Move %n shots</source>
        <translation>
            <numerusform>移动 %n 个镜头</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kinora::ui::TimelinePanel</name>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Zoom (Ctrl+wheel on the timeline)</source>
        <translation>缩放（在时间线上按 Ctrl+滚轮）</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>%1 / %2 (%3 fps)</source>
        <translation>%1 / %2（%3 fps）</translation>
    </message>
    <message>
        <source>Play or pause the cut (Space; J backward, K pause, L forward)</source>
        <translation>播放或暂停剪辑（空格；J 倒放，K 暂停，L 正放）</translation>
    </message>
</context>
<context>
    <name>kinora::ui::TimelineView</name>
    <message>
        <source>%1 (no take)</source>
        <translation>%1（无镜次）</translation>
    </message>
</context>
</TS>
