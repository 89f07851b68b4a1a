#pragma once

class QApplication;
class QPalette;

namespace inkwell::ui {

enum class Theme { System, Dark };

// A dark palette for the Fusion style, with enough contrast for text, links and disabled items.
QPalette darkPalette();
// Applies theme to the application (Dark switches to the Fusion style with darkPalette()).
void applyTheme(QApplication &application, Theme theme);

} // namespace inkwell::ui
