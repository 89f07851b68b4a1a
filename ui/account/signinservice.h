#pragma once

#include "account/accountsession.h"
#include "model/result.h"

#include <functional>

class QObject;

namespace inkwell::ui {

// An account after a successful sign-in. The token is a secret: never log or show it.
using SignedInAccount = account::AccountSession;

// Exchanges a user name and password for a session token and the account's blogs. The
// application provides it (over account::AccountClient); the dialog only collects input and
// shows results.
class SignInService
{
public:
    using Callback = std::function<void(const Result<SignedInAccount> &)>;

    virtual ~SignInService() = default;
    // done runs once on the calling thread, unless context is destroyed first.
    virtual void signIn(const QUrl &server, const QString &user, const QString &password,
                        QObject *context, Callback done) = 0;

protected:
    SignInService() = default;
    Q_DISABLE_COPY_MOVE(SignInService)
};

} // namespace inkwell::ui
