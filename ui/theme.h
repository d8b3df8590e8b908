#pragma once

class QApplication;

namespace kinora::ui {

/// @brief The studio's dark theme (Fusion style with a dark palette): the default,
/// since colour work happens in dim rooms.
void applyDarkTheme(QApplication& app);

}  // namespace kinora::ui
