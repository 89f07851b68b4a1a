#include "support/tempdir.h"

#include <QDir>

namespace inkwell::test {

TempDir::TempDir() : m_dir(QDir::tempPath() + QStringLiteral("/inkwell-test-XXXXXX")) { }

QString postgresAdminUrl()
{
    return qEnvironmentVariable("INKWELL_TEST_POSTGRES");
}

bool postgresRequired()
{
    return qEnvironmentVariable("INKWELL_REQUIRE_POSTGRES") == QLatin1String("1");
}

} // namespace inkwell::test
