#include <QAbstractItemView>
#include <QCompleter>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

#include "prompt_editor.h"

using kinora::ui::PromptEditor;

class PromptEditorTest : public QObject {
    Q_OBJECT

    /// The format the highlighter gave the character at `pos` of the first block.
    static QTextCharFormat formatAt(PromptEditor& e, int pos) {
        const QTextBlock block = e.document()->firstBlock();
        for (const auto& r : block.layout()->formats())
            if (pos >= r.start && pos < r.start + r.length) return r.format;
        return {};
    }

private slots:
    void highlightsKnownAndUnknownNames() {
        PromptEditor e;
        e.setCharacterNames({QStringLiteral("Pip")});
        e.setPlainText(QStringLiteral("@Pip chases @Zed across the beach"));
        // Before a model says which words it knows, none is bold.
        QVERIFY(formatAt(e, int(e.toPlainText().indexOf("beach"))).fontWeight() !=
                int(QFont::Bold));
        e.setKnownWords({QStringLiteral("Beach"), QStringLiteral("the"), QStringLiteral("star")});
        QCOMPARE(e.unknownNames(), QStringList{QStringLiteral("Zed")});
        const QTextCharFormat known = formatAt(e, 1);
        const QTextCharFormat unknown = formatAt(e, 13);
        QCOMPARE(known.fontWeight(), int(QFont::Bold));
        QVERIFY(known.underlineStyle() != QTextCharFormat::WaveUnderline);
        QCOMPARE(unknown.underlineStyle(), QTextCharFormat::WaveUnderline);
        QVERIFY(known.foreground().color() != unknown.foreground().color());
        // A world word ("beach") is bold; a word the model does not know ("chases") is not.
        QCOMPARE(formatAt(e, int(e.toPlainText().indexOf("beach"))).fontWeight(), int(QFont::Bold));
        QVERIFY(formatAt(e, 6).fontWeight() != int(QFont::Bold));
        // Filler words stay plain even when the model knows them.
        QVERIFY(formatAt(e, int(e.toPlainText().indexOf("the"))).fontWeight() != int(QFont::Bold));
        // Adding the character clears the warning.
        e.setCharacterNames({QStringLiteral("Pip"), QStringLiteral("Zed")});
        QVERIFY(e.unknownNames().isEmpty());
    }

    void completesCharacterNamesAfterAt() {
        PromptEditor e;
        e.setCharacterNames({QStringLiteral("Pip"), QStringLiteral("Bo"), QStringLiteral("Pixel")});
        e.show();
        QVERIFY(QTest::qWaitForWindowExposed(&e));
        QTest::keyClicks(&e, QStringLiteral("a star and @Pi"));
        QCOMPARE(e.completer()->completionPrefix(), QStringLiteral("Pi"));
        QCOMPARE(e.completer()->completionCount(), 2);  // Pip, Pixel
        QVERIFY(e.completer()->popup()->isVisible());
        // Choosing one replaces the partial name.
        emit e.completer()->activated(QStringLiteral("Pixel"));
        QCOMPARE(e.toPlainText(), QStringLiteral("a star and @Pixel "));
        // No completion for an e-mail address.
        e.clear();
        QTest::keyClicks(&e, QStringLiteral("me@Pi"));
        QVERIFY(!e.completer()->popup()->isVisible());
    }

    void setPromptSilentlyDoesNotReportAnEdit() {
        PromptEditor e;
        int edits = 0;
        connect(&e, &PromptEditor::promptEdited, this, [&] { ++edits; });
        e.setPromptSilently(QStringLiteral("a red ball"));
        QCOMPARE(edits, 0);
        QTest::keyClicks(&e, QStringLiteral("s"));
        QCOMPARE(edits, 1);
    }
};

QTEST_MAIN(PromptEditorTest)
#include "prompt_editor_test.moc"
