// The precompiled header every GCC build shares (see INKWELL_PRECOMPILED_HEADERS in
// CMakeLists.txt): the Qt Core and standard library headers most of the sources include. It only
// saves parsing time; each source still includes what it uses, and a build with the option off
// (the clang fuzz preset, for the parts it builds) checks that.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QVariant>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>
