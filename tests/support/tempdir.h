#pragma once

#include <QString>
#include <QTemporaryDir>

namespace inkwell::test {

// A temporary folder removed at the end of the test; path(name) gives a file inside it.
class TempDir
{
public:
    TempDir();
    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path(); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
};

// The PostgreSQL admin URL the test environment started (scripts/test-env.sh), or empty.
// Tests that need PostgreSQL skip without it, unless INKWELL_REQUIRE_POSTGRES=1 (set in CI and
// by `make test`), where its absence is a failure.
QString postgresAdminUrl();
bool postgresRequired();

} // namespace inkwell::test
