<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>OperationCommand</name>
    <message>
        <source>Add shot %1</source>
        <translation>ショット %1 を追加</translation>
    </message>
    <message>
        <source>Delete shot %1</source>
        <translation>ショット %1 を削除</translation>
    </message>
    <message>
        <source>Move shot %1 to %2</source>
        <translation>ショット %1 を %2 に移動</translation>
    </message>
    <message>
        <source>Edit shot %1</source>
        <translation>ショット %1 を編集</translation>
    </message>
    <message>
        <source>Add character %1</source>
        <translation>キャラクター %1 を追加</translation>
    </message>
    <message>
        <source>Delete character %1</source>
        <translation>キャラクター %1 を削除</translation>
    </message>
    <message>
        <source>Rename character to %1</source>
        <translation>キャラクター名を %1 に変更</translation>
    </message>
    <message>
        <source>Edit character %1</source>
        <translation>キャラクター %1 を編集</translation>
    </message>
    <message>
        <source>Change project settings</source>
        <translation>プロジェクト設定を変更</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学習率</translation>
    </message>
</context>
<context>
    <name>kinora::ui::CharactersPanel</name>
    <message>
        <source>Add character</source>
        <translation>キャラクターを追加</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>In the model&apos;s words: a size (small, big), a colour (red, orange, yellow, green, blue, purple, pink, white) and a shape (ball, square, triangle, star, ring, cross).</source>
        <translation>モデルの英単語で書きます：大きさ（small, big）、色（red, orange, yellow, green, blue, purple, pink, white）、形（ball, square, triangle, star, ring, cross）。</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外見</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>クリア</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参照画像</translation>
    </message>
    <message>
        <source>Without a reference image the model is shown the character drawn from its appearance words.</source>
        <translation>参照画像がない場合、モデルには外見の単語から描いたキャラクターが示されます。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <source>How the model is shown this character</source>
        <translation>モデルに示されるこのキャラクターの姿</translation>
    </message>
    <message>
        <source>Look</source>
        <translation>見た目</translation>
    </message>
    <message>
        <source>Reference image</source>
        <translation>参照画像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</source>
        <translation>画像 (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>cannot draw</source>
        <translation>描画できません</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>書き出し</translation>
    </message>
    <message>
        <source>The whole cut (selected takes, in storyboard order)</source>
        <translation>カット全体（選択したテイク、ストーリーボード順）</translation>
    </message>
    <message>
        <source>The selected shot&apos;s take</source>
        <translation>選択したショットのテイク</translation>
    </message>
    <message>
        <source>What</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>H.264 MP4 (yuv420p, BT.709)</source>
        <translation>H.264 MP4（yuv420p、BT.709）</translation>
    </message>
    <message>
        <source>PNG sequence (lossless)</source>
        <translation>PNG 連番（ロスレス）</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>保存先</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>書き出し先</translation>
    </message>
    <message>
        <source>H.264 video (*.mp4)</source>
        <translation>H.264 動画 (*.mp4)</translation>
    </message>
    <message>
        <source>Export frames into</source>
        <translation>フレームの書き出し先</translation>
    </message>
    <message>
        <source>The cut as a timeline for editing software</source>
        <translation>編集ソフト用のタイムラインとしてのカット</translation>
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
        <translation>タイムライン</translation>
    </message>
    <message>
        <source>The media are conformed to this rate; times are exact frames.</source>
        <translation>メディアはこのフレームレートに変換され、時間は正確なフレーム単位になります。</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>フレームレート</translation>
    </message>
    <message>
        <source>Export the timeline into</source>
        <translation>タイムラインの書き出し先</translation>
    </message>
    <message>
        <source>ProRes 422 HQ (10-bit 4:2:2)</source>
        <translation>ProRes 422 HQ（10ビット 4:2:2）</translation>
    </message>
    <message>
        <source>DNxHR HQ (8-bit 4:2:2)</source>
        <translation>DNxHR HQ（8ビット 4:2:2）</translation>
    </message>
    <message>
        <source>H.264 (4:2:0, small files)</source>
        <translation>H.264（4:2:0、小さなファイル）</translation>
    </message>
    <message>
        <source>The media&apos;s codec, in MOV files with a timecode track and reel name.</source>
        <translation>メディアのコーデック。タイムコードトラックとリール名付きの MOV ファイルに書き出します。</translation>
    </message>
    <message>
        <source>Media codec</source>
        <translation>メディアのコーデック</translation>
    </message>
    <message>
        <source>The canvas size</source>
        <translation>キャンバスのサイズ</translation>
    </message>
    <message>
        <source>%1 lines high</source>
        <translation>高さ %1 ライン</translation>
    </message>
    <message>
        <source>Upscales the media on export; the width keeps the canvas proportions.</source>
        <translation>書き出し時にメディアを拡大します。幅はキャンバスの比率に従います。</translation>
    </message>
    <message>
        <source>Media size</source>
        <translation>メディアのサイズ</translation>
    </message>
    <message>
        <source>Lanczos (sharp)</source>
        <translation>Lanczos（シャープ）</translation>
    </message>
    <message>
        <source>Bicubic (smooth)</source>
        <translation>バイキュービック（なめらか）</translation>
    </message>
    <message>
        <source>Nearest (hard pixels)</source>
        <translation>ニアレストネイバー（ピクセルそのまま）</translation>
    </message>
    <message>
        <source>Upscaling filter</source>
        <translation>拡大フィルター</translation>
    </message>
    <message>
        <source>ProRes 422 HQ MOV (10-bit 4:2:2)</source>
        <translation>ProRes 422 HQ MOV（10ビット 4:2:2）</translation>
    </message>
    <message>
        <source>DNxHR HQ MOV (at least 256 x 120)</source>
        <translation>DNxHR HQ MOV（256 x 120 以上）</translation>
    </message>
    <message>
        <source>QuickTime video (*.mov)</source>
        <translation>QuickTime 動画 (*.mov)</translation>
    </message>
    <message>
        <source>OpenTimelineIO (Resolve, Premiere)</source>
        <translation>OpenTimelineIO (Resolve、Premiere)</translation>
    </message>
    <message>
        <source>Kdenlive project</source>
        <translation>Kdenlive プロジェクト</translation>
    </message>
    <message>
        <source>Shotcut project</source>
        <translation>Shotcut プロジェクト</translation>
    </message>
    <message>
        <source>MLT XML (melt)</source>
        <translation>MLT XML (melt)</translation>
    </message>
    <message>
        <source>Where it is written</source>
        <translation>書き出した場所</translation>
    </message>
    <message>
        <source>Where the editing machine will see the export folder (for example /Volumes/film/edit or D:/film/edit). FCPXML and FCP7 XML name their media there; OpenTimelineIO, EDL, MLT, Kdenlive and Shotcut name them relative to their file, so the folder can be moved as a whole.</source>
        <translation>編集マシンから書き出しフォルダーが見える場所 (例: /Volumes/film/edit、D:/film/edit)。FCPXML と FCP7 XML はそこにメディアを指定します。OpenTimelineIO、EDL、MLT、Kdenlive、Shotcut は自身のファイルからの相対パスで指定するため、フォルダーごと移動できます。</translation>
    </message>
    <message>
        <source>Media root</source>
        <translation>メディアのルート</translation>
    </message>
</context>
<context>
    <name>kinora::ui::InferenceWorker</name>
    <message>
        <source>best of %1 tries a window</source>
        <translation>ウィンドウごとに %1 回の試行から最良のもの</translation>
    </message>
    <message>
        <source>one try a window: %1</source>
        <translation>ウィンドウごとに 1 回の試行: %1</translation>
    </message>
</context>
<context>
    <name>kinora::ui::LoraText</name>
    <message>
        <source>at most %1 LoRA files</source>
        <translation>LoRA ファイルは最大 %1 個までです</translation>
    </message>
</context>
<context>
    <name>kinora::ui::MainWindow</name>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存の変更</translation>
    </message>
    <message>
        <source>%1 has changes that are not saved. Save them?</source>
        <translation>%1 に未保存の変更があります。保存しますか？</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Storyboard</source>
        <translation>ストーリーボード</translation>
    </message>
    <message>
        <source>Add shot</source>
        <translation>ショットを追加</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Generate missing</source>
        <translation>未生成分を生成</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>キャラクター</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>グラフ</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>タイムライン</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New project</source>
        <translation>新規プロジェクト(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近使ったファイル(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;as...</source>
        <translation>名前を付けて保存(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Export...</source>
        <translation>書き出し(&amp;E)…</translation>
    </message>
    <message>
        <source>Se&amp;ttings...</source>
        <translation>設定(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直し(&amp;R)</translation>
    </message>
    <message>
        <source>Add &amp;shot</source>
        <translation>ショットを追加(&amp;S)</translation>
    </message>
    <message>
        <source>Add &amp;character</source>
        <translation>キャラクターを追加(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Generate selected shots</source>
        <translation>選択したショットを生成(&amp;G)</translation>
    </message>
    <message>
        <source>Generate &amp;missing shots</source>
        <translation>未生成のショットを生成(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>キャンセル(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Play / pause</source>
        <translation>再生 / 一時停止(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Kinora Studio</source>
        <translation>Kinora Studio について(&amp;A)</translation>
    </message>
    <message>
        <source>About Kinora Studio</source>
        <translation>Kinora Studio について</translation>
    </message>
    <message>
        <source>Kinora Studio %1
AI video generation on your own machine.</source>
        <translation>Kinora Studio %1
自分のマシンで動く AI 動画生成。</translation>
    </message>
    <message>
        <source>%1[*] - Kinora Studio</source>
        <translation>%1[*] - Kinora Studio</translation>
    </message>
    <message>
        <source>Shot %1 has no take yet: press Generate.</source>
        <translation>ショット %1 にはまだテイクがありません。「生成」を押してください。</translation>
    </message>
    <message>
        <source>Shot %1, frame %2</source>
        <translation>ショット %1、フレーム %2</translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n shots</source>
        <translation>
            <numerusform>%n 個のショットを複製</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n shots</source>
        <translation>
            <numerusform>%n 個のショットを削除</numerusform>
        </translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>プロジェクトを開く</translation>
    </message>
    <message>
        <source>Kinora projects (*.kinora)</source>
        <translation>Kinora プロジェクト (*.kinora)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 を保存しました</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>名前を付けてプロジェクトを保存</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>未保存の作業を復元</translation>
    </message>
    <message>
        <source>Kinora Studio did not close properly last time. Restore the autosaved project from %1?</source>
        <translation>前回 Kinora Studio は正しく終了しませんでした。%1 に自動保存されたプロジェクトを復元しますか？</translation>
    </message>
    <message>
        <source>Restored the autosaved project; save it to keep it.</source>
        <translation>自動保存されたプロジェクトを復元しました。残すには保存してください。</translation>
    </message>
    <message>
        <source>Cannot use %1 as an image: %2</source>
        <translation>%1 は画像として使えません：%2</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>%1 を作成できません</translation>
    </message>
    <message>
        <source>Cannot copy %1 into the project</source>
        <translation>%1 をプロジェクトにコピーできません</translation>
    </message>
    <message numerus="yes">
        <source>Add %n image shots</source>
        <translation>
            <numerusform>画像ショットを %n 個追加</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n image-to-video shots: write what happens, then Generate.</source>
        <translation>
            <numerusform>画像から動画のショットを %n 個追加しました。内容を書いてから生成してください。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose where to export to.</source>
        <translation>書き出し先を選んでください。</translation>
    </message>
    <message>
        <source>Shot %1 has no take yet: generate it first.</source>
        <translation>ショット %1 にはまだテイクがありません。先に生成してください。</translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation>書き出せません：%1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 を書き出しました</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>書き出しに失敗しました：%1</translation>
    </message>
    <message>
        <source>Model %1 (%2 M parameters)</source>
        <translation>モデル %1（パラメータ %2 M）</translation>
    </message>
    <message>
        <source>The model could not be loaded: %1</source>
        <translation>モデルを読み込めませんでした：%1</translation>
    </message>
    <message>
        <source>Every shot has a take.</source>
        <translation>すべてのショットにテイクがあります。</translation>
    </message>
    <message>
        <source>Shot %1 mentions @%2, who is not a character of this project. Add the character or fix the name, then generate again.</source>
        <translation>ショット %1 が @%2 に言及していますが、このプロジェクトのキャラクターではありません。キャラクターを追加するか名前を直してから、もう一度生成してください。</translation>
    </message>
    <message>
        <source>The clip was made but could not be stored: %1</source>
        <translation>クリップは生成されましたが保存できませんでした：%1</translation>
    </message>
    <message>
        <source>The shot was deleted while it was generated; its clip is kept in the media folder.</source>
        <translation>生成中にショットが削除されました。クリップはメディアフォルダーに残っています。</translation>
    </message>
    <message>
        <source>Kinora Studio</source>
        <translation>Kinora Studio</translation>
    </message>
    <message>
        <source>Choose at least one timeline format.</source>
        <translation>タイムライン形式を少なくとも 1 つ選んでください。</translation>
    </message>
    <message>
        <source>Exporting the timeline to %1...</source>
        <translation>タイムラインを %1 に書き出し中…</translation>
    </message>
    <message>
        <source>Exported the timeline and its media to %1</source>
        <translation>タイムラインとメディアを %1 に書き出しました</translation>
    </message>
    <message>
        <source>Content credentials: %1 (the local test certificate signs instead)</source>
        <translation>コンテンツ認証情報: %1（代わりにローカルのテスト証明書で署名します）</translation>
    </message>
    <message>
        <source>Check &amp;content credentials...</source>
        <translation>コンテンツ認証情報を確認(&amp;C)...</translation>
    </message>
    <message>
        <source>The signing certificate was not changed: %1</source>
        <translation>署名証明書は変更されませんでした: %1</translation>
    </message>
    <message>
        <source>Unreadable: not an MP4 or MOV file.</source>
        <translation>読み取れません: MP4 または MOV ファイルではありません。</translation>
    </message>
    <message>
        <source>No content credentials: nothing says where this file came from.</source>
        <translation>コンテンツ認証情報がありません: このファイルの出所を示すものはありません。</translation>
    </message>
    <message>
        <source>Invalid: the file changed after it was signed, or its credentials are damaged.</source>
        <translation>無効: 署名後にファイルが変更されたか、認証情報が壊れています。</translation>
    </message>
    <message>
        <source>Valid, signed by a trusted certificate.</source>
        <translation>有効。信頼された証明書で署名されています。</translation>
    </message>
    <message>
        <source>Valid, but the signer is not on the trust list.</source>
        <translation>有効。ただし署名者は信頼リストにありません。</translation>
    </message>
    <message>
        <source>Made with: %1</source>
        <translation>作成ツール: %1</translation>
    </message>
    <message>
        <source>Action: %1</source>
        <translation>アクション: %1</translation>
    </message>
    <message>
        <source>Invisible watermark id: %1</source>
        <translation>不可視ウォーターマークの ID: %1</translation>
    </message>
    <message>
        <source>Signed by: %1</source>
        <translation>署名者: %1</translation>
    </message>
    <message>
        <source>This build has no content credentials support.</source>
        <translation>このビルドはコンテンツ認証情報に対応していません。</translation>
    </message>
    <message>
        <source>Check content credentials</source>
        <translation>コンテンツ認証情報を確認</translation>
    </message>
    <message>
        <source>Video (*.mp4 *.mov)</source>
        <translation>動画 (*.mp4 *.mov)</translation>
    </message>
    <message>
        <source>Content credentials</source>
        <translation>コンテンツ認証情報</translation>
    </message>
    <message>
        <source>Select the shot to export.</source>
        <translation>書き出すショットを選んでください。</translation>
    </message>
    <message>
        <source>This build has no FFmpeg: export a PNG sequence.</source>
        <translation>このビルドには FFmpeg がありません。PNG 連番で書き出してください。</translation>
    </message>
    <message>
        <source>&amp;Project settings...</source>
        <translation>プロジェクト設定(&amp;P)…</translation>
    </message>
    <message>
        <source>The project settings were not changed: %1</source>
        <translation>プロジェクト設定は変更されませんでした: %1</translation>
    </message>
    <message>
        <source>%1 already has three reference pictures; clear them to choose others</source>
        <translation>%1 にはすでに参照画像が3枚あります。別の画像を選ぶには、先に消去してください</translation>
    </message>
    <message>
        <source>Shot 1 continues the previous shot, but it is the first shot now: there is nothing before it to continue.</source>
        <translation>ショット 1 は前のショットの続きですが、今は最初のショットです。続ける前のショットがありません。</translation>
    </message>
    <message>
        <source>Shot</source>
        <comment>the shot inspector&apos;s title</comment>
        <translation>ショット</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>キュー</translation>
    </message>
    <message>
        <source>Play &amp;backward</source>
        <translation>逆再生(&amp;B)</translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation>一時停止(&amp;U)</translation>
    </message>
    <message>
        <source>Play &amp;forward</source>
        <translation>順再生(&amp;F)</translation>
    </message>
    <message>
        <source>Opened %1: %2, %3</source>
        <translation>%1 を開きました: %2、%3</translation>
    </message>
    <message numerus="yes">
        <source>%n shots</source>
        <translation>
            <numerusform>%n ショット</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n characters</source>
        <translation>
            <numerusform>%n キャラクター</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shots have no take yet (%1).</source>
        <translation>
            <numerusform>%n ショットにまだテイクがありません (%1)。</numerusform>
        </translation>
    </message>
    <message>
        <source>Generate them now and export when they are done?</source>
        <translation>今すぐ生成し、終わったら書き出しますか？</translation>
    </message>
    <message>
        <source>Nothing was exported: %1</source>
        <translation>何も書き出されませんでした: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n frames to %1...</source>
        <translation>
            <numerusform>%n フレームを %1 に書き出し中...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n steps; nothing was changed.</source>
        <translation>
            <numerusform>%n ステップ後にキャンセルしました。何も変更されていません。</numerusform>
        </translation>
    </message>
    <message>
        <source>the model could not be loaded</source>
        <translation>モデルを読み込めませんでした</translation>
    </message>
    <message>
        <source>Shot %1 has no prompt: write what happens in it, then generate.</source>
        <translation>ショット %1 にプロンプトがありません。内容を書いてから生成してください。</translation>
    </message>
    <message>
        <source>Shot 1 is set to continue the shot before it, but it is the first shot: untick &quot;Continues the previous shot&quot; or move it after another shot.</source>
        <translation>ショット 1 は前のショットの続きに設定されていますが、最初のショットです。「前のショットの続き」を外すか、別のショットの後ろに移動してください。</translation>
    </message>
    <message>
        <source>Shot %1: %2</source>
        <translation>ショット %1: %2</translation>
    </message>
    <message>
        <source>the shot was deleted</source>
        <translation>ショットは削除されました</translation>
    </message>
    <message>
        <source>Shot %1 cannot be generated: %2</source>
        <translation>ショット %1 は生成できません: %2</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was exported: %n shots still have no take.</source>
        <translation>
            <numerusform>何も書き出されませんでした: %n ショットにまだテイクがありません。</numerusform>
        </translation>
    </message>
    <message>
        <source>for a project that was closed</source>
        <translation>閉じたプロジェクト用</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n frames, seed %2, %3</source>
        <translation>
            <numerusform>%1、%n フレーム、シード %2、%3</numerusform>
        </translation>
    </message>
    <message>
        <source>the shot was deleted; its clip is in the media folder</source>
        <translation>ショットは削除されました。クリップはメディアフォルダーにあります</translation>
    </message>
    <message>
        <source>Shot %1: denoising</source>
        <translation>ショット %1: ノイズ除去中</translation>
    </message>
    <message>
        <source>Shot %1: starting...</source>
        <translation>ショット %1: 開始中...</translation>
    </message>
    <message numerus="yes">
        <source>Generating shot %1 (%n frames)...</source>
        <translation>
            <numerusform>ショット %1 を生成中 (%n フレーム)...</numerusform>
        </translation>
    </message>
    <message>
        <source>Shot %1 of %2 in the queue</source>
        <translation>キューの %2 件中 %1 件目</translation>
    </message>
    <message>
        <source>, about %1 left in all</source>
        <translation>、全体で残り約 %1</translation>
    </message>
    <message>
        <source>Generating %1%</source>
        <translation>生成中 %1%</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>開始中</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Save As waits until no shot is generating: let it finish or cancel it, then save as.</source>
        <translation>「名前を付けて保存」は生成中のショットがなくなるまで待ちます。完了させるかキャンセルしてから保存してください。</translation>
    </message>
</context>
<context>
    <name>kinora::ui::PlotsPanel</name>
    <message>
        <source>Denoising</source>
        <translation>ノイズ除去</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>The model folder %1 has no training log.</source>
        <translation>モデルフォルダー %1 には学習ログがありません。</translation>
    </message>
    <message>
        <source>Training log of %1: %2</source>
        <translation>%1 の学習ログ：%2</translation>
    </message>
</context>
<context>
    <name>kinora::ui::PreviewView</name>
    <message>
        <source>frame %1 / %2</source>
        <translation>フレーム %1 / %2</translation>
    </message>
    <message>
        <source>Select a shot and press Generate, or drop an image here to start a shot from it.</source>
        <translation>ショットを選んで「生成」を押すか、ここに画像をドロップしてショットを始めます。</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ProjectDocument</name>
    <message>
        <source>Untitled</source>
        <translation>無題</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 を開けません：%2</translation>
    </message>
    <message>
        <source>The project has no file yet: use Save As.</source>
        <translation>プロジェクトにはまだファイルがありません。「名前を付けて保存」を使ってください。</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>%1 を保存できません：%2</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>自動保存に失敗しました：%1</translation>
    </message>
    <message>
        <source>Autosave failed: cannot write %1</source>
        <translation>自動保存に失敗しました：%1 に書き込めません</translation>
    </message>
    <message>
        <source>Cannot restore %1: its description is missing</source>
        <translation>%1 を復元できません：説明ファイルがありません</translation>
    </message>
    <message>
        <source>Cannot restore %1: %2</source>
        <translation>%1 を復元できません：%2</translation>
    </message>
    <message>
        <source>Restore autosave</source>
        <translation>自動保存を復元</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ProjectSettingsDialog</name>
    <message>
        <source>Project settings</source>
        <translation>プロジェクト設定</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>The model makes frames in multiples of its grid (16 pixels for the embedded one); takes already made keep their size.</source>
        <translation>モデルはグリッドの倍数の大きさでフレームを作ります(内蔵モデルは 16 ピクセル)。作成済みのテイクはその大きさのままです。</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>幅</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高さ</translation>
    </message>
    <message>
        <source> fps</source>
        <translation> fps</translation>
    </message>
    <message>
        <source>Shot lengths are kept in frames: another rate changes their seconds.</source>
        <translation>ショットの長さはフレーム数で保存されます。フレームレートを変えると秒数が変わります。</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>フレームレート</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>モデルの既定値</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>ステップ数</translation>
    </message>
    <message>
        <source>How strongly clips follow their prompt (classifier-free guidance).</source>
        <translation>クリップがプロンプトにどれだけ強く従うか(classifier-free guidance)。</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>ガイダンス</translation>
    </message>
    <message>
        <source>How much harder a shot that names one character follows the character&apos;s reference look than the model alone would: one more prediction a step.</source>
        <translation>キャラクターを1人指定したショットが、その参照の見た目にモデル単独よりどれだけ強く従うか。ステップごとに予測が1回増えます。</translation>
    </message>
    <message>
        <source>Reference strength</source>
        <translation>参照の強さ</translation>
    </message>
    <message>
        <source>Applies to the takes generated from now on; one undo step.</source>
        <translation>これから生成するテイクに適用されます。取り消しは 1 ステップです。</translation>
    </message>
    <message>
        <source>Denoising steps per clip: more is slower and, up to a point, cleaner.</source>
        <translation>クリップあたりのノイズ除去ステップ数。多いほど遅く、ある程度まではきれいになります。</translation>
    </message>
    <message>
        <source>Studio default</source>
        <translation>スタジオの既定</translation>
    </message>
    <message>
        <source>The model this project&apos;s shots are made with (Settings lists the models).</source>
        <translation>このプロジェクトのショットを生成するモデル（モデルの一覧は設定にあります）。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>カスタム</translation>
    </message>
    <message>
        <source>The canvases the loaded model is made for.</source>
        <translation>読み込んだモデルが想定しているキャンバス。</translation>
    </message>
    <message>
        <source>Canvas preset</source>
        <translation>キャンバスのプリセット</translation>
    </message>
    <message>
        <source>%1 (%2x%3)</source>
        <translation>%1（%2x%3）</translation>
    </message>
    <message>
        <source>FILE[:STRENGTH]; ... (Wan models)</source>
        <translation>ファイル[:強さ]; ...（Wan モデル）</translation>
    </message>
    <message>
        <source>LoRA files merged into a Wan model&apos;s denoiser for every shot (each shot may add its own): a path, absolute or inside the project folder, and a strength from -4 to 4 (1 when left out), separated by semicolons.</source>
        <translation>すべてのショットで Wan モデルのデノイザーに統合される LoRA ファイル（各ショットで追加も可）：絶対パスまたはプロジェクトフォルダー内のパスと、-4 から 4 の強さ（省略時は 1）をセミコロンで区切って指定します。</translation>
    </message>
    <message>
        <source>LoRA files</source>
        <translation>LoRA ファイル</translation>
    </message>
    <message>
        <source>Crop to fill the canvas</source>
        <translation>キャンバスいっぱいにトリミング</translation>
    </message>
    <message>
        <source>Keep whole, with bars (Wan VACE paints them)</source>
        <translation>全体を保持し余白を付ける（Wan VACE が余白を描画）</translation>
    </message>
    <message>
        <source>How first and last images of another shape meet the canvas.</source>
        <translation>縦横比の異なる最初と最後の画像をキャンバスに合わせる方法。</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>画像</translation>
    </message>
</context>
<context>
    <name>kinora::ui::PromptEditor</name>
    <message>
        <source>Describe the shot, e.g. @Pip bounces on the beach at night</source>
        <translation>ショットを英語で説明します（例：@Pip bounces on the beach at night）</translation>
    </message>
</context>
<context>
    <name>kinora::ui::QueuePanel</name>
    <message>
        <source>Cancel job</source>
        <translation>ジョブをキャンセル</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>完了分を消去</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>開始中</translation>
    </message>
    <message>
        <source>step %1 / %2</source>
        <translation>ステップ %1 / %2</translation>
    </message>
    <message>
        <source>, window %1 of %2</source>
        <translation>、ウィンドウ %2 中 %1</translation>
    </message>
    <message>
        <source>, %1 left</source>
        <translation>、残り %1</translation>
    </message>
    <message>
        <source>done in %1</source>
        <translation>%1 で完了</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Shot %1</source>
        <translation>ショット %1</translation>
    </message>
    <message>
        <source>A deleted shot</source>
        <translation>削除されたショット</translation>
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
        <translation>設定</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>モデルフォルダー</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>スレッド</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>Autosave every</source>
        <translation>自動保存の間隔</translation>
    </message>
    <message>
        <source>Built-in list</source>
        <translation>内蔵リスト</translation>
    </message>
    <message>
        <source>Prompts with words of this list are refused before anything is generated (JSON: categories with their words).</source>
        <translation>このリストの単語を含むプロンプトは、生成の前に拒否されます（JSON：カテゴリーとその単語）。</translation>
    </message>
    <message>
        <source>Prompt word list</source>
        <translation>プロンプトの単語リスト</translation>
    </message>
    <message>
        <source>Word lists (*.json)</source>
        <translation>単語リスト (*.json)</translation>
    </message>
    <message>
        <source>Local test certificate</source>
        <translation>ローカルのテスト証明書</translation>
    </message>
    <message>
        <source>Signing certificate</source>
        <translation>署名証明書</translation>
    </message>
    <message>
        <source>PEM certificate chain (*.pem *.crt)</source>
        <translation>PEM 証明書チェーン (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Signs the content credentials (C2PA) of every video the studio writes: your certificate first, then its issuers. Empty: a local test CA made on first use.</source>
        <translation>スタジオが書き出すすべての動画のコンテンツ認証情報（C2PA）に署名します。最初にあなたの証明書、続いてその発行者。空欄: 初回使用時に作成されるローカルのテスト CA。</translation>
    </message>
    <message>
        <source>Its private key</source>
        <translation>その秘密鍵</translation>
    </message>
    <message>
        <source>PEM EC key (*.pem *.key)</source>
        <translation>PEM EC 鍵 (*.pem *.key)</translation>
    </message>
    <message>
        <source>1 (off)</source>
        <translation>1 (オフ)</translation>
    </message>
    <message>
        <source>Shots that name a character are made this many times a window, and the try whose character is closest to its reference look is kept. Takes this many times as long.</source>
        <translation>キャラクターを指定したショットはウィンドウごとにこの回数生成され、キャラクターが参照の見た目に最も近い試行が残されます。その回数分だけ時間がかかります。</translation>
    </message>
    <message>
        <source>Tries per window</source>
        <translation>ウィンドウごとの試行回数</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>ファミリー</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>バリアント</translation>
    </message>
    <message>
        <source>On disk</source>
        <translation>ディスク上</translation>
    </message>
    <message>
        <source>Memory needed</source>
        <translation>必要なメモリ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Add folder...</source>
        <translation>フォルダーを追加…</translation>
    </message>
    <message>
        <source>Add files...</source>
        <translation>ファイルを追加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Model files</source>
        <translation>モデルファイル</translation>
    </message>
    <message>
        <source>Weights and tokenizers (*.safetensors *.pth *.pt *.bin *.model)</source>
        <translation>重みとトークナイザー (*.safetensors *.pth *.pt *.bin *.model)</translation>
    </message>
    <message>
        <source>Model, threads, device and word list apply when the model is next loaded. A project can name its own model (Project settings).</source>
        <translation>モデル、スレッド、デバイス、単語リストは次にモデルを読み込むときに適用されます。プロジェクトは独自のモデルを指定できます（プロジェクト設定）。</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>Embedded (kinora-tiny)</source>
        <translation>内蔵（kinora-tiny）</translation>
    </message>
    <message>
        <source>%1 (%2 free)</source>
        <translation>%1（空き %2）</translation>
    </message>
    <message>
        <source>missing: %1</source>
        <translation>不足: %1</translation>
    </message>
    <message>
        <source>too large for this machine&apos;s free memory</source>
        <translation>このマシンの空きメモリには大きすぎます</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>使用可能</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <source>This build or machine has no CUDA GPU: models run on the CPU.</source>
        <translation>このビルドまたはマシンには CUDA GPU がありません。モデルは CPU で動作します。</translation>
    </message>
    <message>
        <source>Automatic (the free cores of %1)</source>
        <translation>自動（%1 コアのうち空いているもの）</translation>
    </message>
    <message>
        <source>Automatic uses the cores other programs leave free, measured again while it generates, so a build or a browser beside the studio does not slow it down. A number fixes the threads.</source>
        <translation>自動では、他のプログラムが使っていないコアを生成中にも測り直して使うため、スタジオの横でビルドやブラウザが動いていても遅くなりません。数値を指定するとスレッド数が固定されます。</translation>
    </message>
    <message>
        <source>Embedded, fast (%1)</source>
        <translation>組み込み・高速（%1）</translation>
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
        <translation>ショット %1</translation>
    </message>
    <message>
        <source>(no prompt)</source>
        <translation>（プロンプトなし）</translation>
    </message>
</context>
<context>
    <name>kinora::ui::ShotInspector</name>
    <message>
        <source>What to avoid (optional)</source>
        <translation>避けたいもの（任意）</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>ネガティブ</translation>
    </message>
    <message>
        <source> frames</source>
        <translation> フレーム</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>長さ</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Draw a new random seed</source>
        <translation>新しいランダムシードを引く</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>モード</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>クリア</translation>
    </message>
    <message>
        <source>Last frame</source>
        <translation>最終フレーム</translation>
    </message>
    <message>
        <source>First frame</source>
        <translation>最初のフレーム</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</source>
        <translation>画像 (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>Continues the previous shot</source>
        <translation>前のショットの続き</translation>
    </message>
    <message>
        <source>Generate shot</source>
        <translation>ショットを生成</translation>
    </message>
    <message>
        <source>No shot selected</source>
        <translation>ショットが選択されていません</translation>
    </message>
    <message>
        <source>Shot %1</source>
        <translation>ショット %1</translation>
    </message>
    <message>
        <source>Unknown character: %1. Add it in Characters or fix the name.</source>
        <translation>不明なキャラクター：%1。「キャラクター」で追加するか名前を直してください。</translation>
    </message>
    <message>
        <source>%1 s at %2 fps</source>
        <translation>%1 秒（%2 fps）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>まだありません</translation>
    </message>
    <message>
        <source>FILE[:STRENGTH]; ... (Wan models)</source>
        <translation>ファイル[:強さ]; ...（Wan モデル）</translation>
    </message>
    <message>
        <source>LoRA files for this shot, after the project&apos;s: a path and a strength from -4 to 4, separated by semicolons.</source>
        <translation>このショットの LoRA ファイル（プロジェクトのものの後に適用）：パスと -4 から 4 の強さをセミコロンで区切って指定します。</translation>
    </message>
    <message>
        <source>LoRA files</source>
        <translation>LoRA ファイル</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>Locked: generating again makes the same take. Unlocked: each new take of a shot that has one is a variation with a new seed.</source>
        <translation>固定: 再生成すると同じテイクになります。固定なし: テイクのあるショットの新しいテイクは、新しいシードのバリエーションになります。</translation>
    </message>
    <message>
        <source>The shot&apos;s takes, newest first: click one to use it in the cut</source>
        <translation>ショットのテイク(新しい順): クリックしてカットに使うテイクを選びます</translation>
    </message>
    <message>
        <source>Takes</source>
        <translation>テイク</translation>
    </message>
    <message>
        <source>Write what happens in this shot: an empty prompt is not generated.</source>
        <translation>このショットで起きることを書いてください。空のプロンプトは生成されません。</translation>
    </message>
    <message>
        <source>This is the first shot now: there is no shot before it to continue. Untick &quot;Continues the previous shot&quot; or move it.</source>
        <translation>これは最初のショットです。続ける前のショットがありません。「前のショットの続き」を外すか、移動してください。</translation>
    </message>
    <message>
        <source>The first shot has no shot before it to continue.</source>
        <translation>最初のショットには続ける前のショットがありません。</translation>
    </message>
    <message>
        <source>%1
seed %2</source>
        <translation>%1
シード %2</translation>
    </message>
    <message>
        <source>%1: seed %2, %3 steps, made %4</source>
        <translation>%1: シード %2、%3 ステップ、作成 %4</translation>
    </message>
    <message>
        <source>%1 does not make &quot;%2&quot; shots.</source>
        <translation>%1 は「%2」のショットを作れません。</translation>
    </message>
    <message>
        <source>%1 does not make &quot;%2&quot; shots; it makes: %3. Choose another mode, or another model in the project&apos;s settings.</source>
        <translation>%1 は「%2」のショットを作れません。作れるもの: %3。別のモードか、プロジェクト設定で別のモデルを選んでください。</translation>
    </message>
    <message>
        <source>%1 does not continue shots.</source>
        <translation>%1 はショットの続きを作れません。</translation>
    </message>
</context>
<context>
    <name>kinora::ui::StepPlot</name>
    <message>
        <source>step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>prediction change</source>
        <translation>予測の変化</translation>
    </message>
</context>
<context>
    <name>kinora::ui::StoryboardModel</name>
    <message>
        <source>Text to video</source>
        <translation>テキストから動画</translation>
    </message>
    <message>
        <source>Image to video</source>
        <translation>画像から動画</translation>
    </message>
    <message>
        <source>Extend forward</source>
        <translation>前方へ延長</translation>
    </message>
    <message>
        <source>Extend backward</source>
        <translation>後方へ延長</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>ループ</translation>
    </message>
    <message>
        <source>Shot %1: %2</source>
        <translation>ショット %1：%2</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Move shot</source>
        <translation>ショットを移動</translation>
    </message>
    <message numerus="yes">
        <source>Move %n shots</source>
        <translation>
            <numerusform>%n 個のショットを移動</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kinora::ui::TimelinePanel</name>
    <message>
        <source>Play</source>
        <translation>再生</translation>
    </message>
    <message>
        <source>Zoom (Ctrl+wheel on the timeline)</source>
        <translation>ズーム（タイムライン上で Ctrl+ホイール）</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>ズーム</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>%1 / %2 (%3 fps)</source>
        <translation>%1 / %2（%3 fps）</translation>
    </message>
    <message>
        <source>Play or pause the cut (Space; J backward, K pause, L forward)</source>
        <translation>カットを再生/一時停止 (スペース; J 逆再生、K 一時停止、L 再生)</translation>
    </message>
</context>
<context>
    <name>kinora::ui::TimelineView</name>
    <message>
        <source>%1 (no take)</source>
        <translation>%1（テイクなし）</translation>
    </message>
</context>
</TS>
