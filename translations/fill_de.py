#!/usr/bin/env python3
"""Fills translations/inkwell_de.ts with the German texts below (run after `make translations`).
Every message gets a finished translation: texts already finished in the file are kept, the rest
come from the tables below; a source text found in neither is reported and the script fails, so
no unfinished entry can slip through. Plural messages (%n) take their forms from PLURALS."""
import sys
import xml.etree.ElementTree as ET

DE = {
    # core/model error texts
    "No error.": "Kein Fehler.",
    "The local database could not be opened.": "Die lokale Datenbank konnte nicht geöffnet werden.",
    "The local database is damaged and cannot be read.": "Die lokale Datenbank ist beschädigt und kann nicht gelesen werden.",
    "The local database is read-only; changes cannot be saved.": "Die lokale Datenbank ist schreibgeschützt; Änderungen können nicht gespeichert werden.",
    "The local database was written by a newer version of Inkwell.": "Die lokale Datenbank wurde von einer neueren Inkwell-Version geschrieben.",
    "The disk is full; the last change could not be saved.": "Der Datenträger ist voll; die letzte Änderung konnte nicht gespeichert werden.",
    "The local database reported an error.": "Die lokale Datenbank hat einen Fehler gemeldet.",
    "The item was not found.": "Der Eintrag wurde nicht gefunden.",
    "The input is not valid.": "Die Eingabe ist ungültig.",
    "The data is malformed.": "Die Daten sind fehlerhaft.",
    "The data is too large.": "Die Daten sind zu groß.",
    "The image data does not match its checksum.": "Die Bilddaten passen nicht zu ihrer Prüfsumme.",
    "Please sign in again.": "Bitte melden Sie sich erneut an.",
    "Your account has no access to this blog.": "Ihr Konto hat keinen Zugriff auf dieses Blog.",
    "Someone else changed this post at the same time.": "Jemand anderes hat diesen Beitrag gleichzeitig geändert.",
    "The server asked to slow down; trying again shortly.": "Der Server bittet um weniger Anfragen; gleich wird es erneut versucht.",
    "The server is not reachable right now.": "Der Server ist gerade nicht erreichbar.",
    "The server reported an error.": "Der Server hat einen Fehler gemeldet.",
    "The server asked for a full resynchronisation.": "Der Server verlangt einen vollständigen Neuabgleich.",
    "The network connection failed.": "Die Netzwerkverbindung ist fehlgeschlagen.",
    "The server did not answer in time.": "Der Server hat nicht rechtzeitig geantwortet.",
    "The operation was cancelled.": "Der Vorgang wurde abgebrochen.",
    "The system keychain reported an error.": "Der Schlüsselbund des Systems hat einen Fehler gemeldet.",
    "No system keychain is available to store your sign-in.": "Es ist kein Schlüsselbund verfügbar, um Ihre Anmeldung zu speichern.",
    "An internal error occurred.": "Ein interner Fehler ist aufgetreten.",
    "An unknown error occurred.": "Ein unbekannter Fehler ist aufgetreten.",
    # AccountController
    "Sign-in Not Saved": "Anmeldung nicht gespeichert",
    "Your sign-in could not be saved (%1). You will be asked to sign in again next time.": "Ihre Anmeldung konnte nicht gespeichert werden (%1). Beim nächsten Start werden Sie erneut gefragt.",
    "No Keychain Available": "Kein Schlüsselbund verfügbar",
    "No system keychain is available to keep your sign-in safe.": "Es ist kein Schlüsselbund verfügbar, um Ihre Anmeldung sicher aufzubewahren.",
    "Inkwell can keep the session token in a file that only your user account can read (%1), or not keep it at all and ask you to sign in each time it starts. Your password is never stored.": "Inkwell kann das Sitzungstoken in einer Datei aufbewahren, die nur Ihr Benutzerkonto lesen kann (%1), oder es gar nicht aufbewahren und Sie bei jedem Start nach der Anmeldung fragen. Ihr Passwort wird nie gespeichert.",
    "Keep in a File": "In einer Datei aufbewahren",
    "Do Not Keep": "Nicht aufbewahren",
    "Offline only: posts stay on this computer": "Nur offline: Beiträge bleiben auf diesem Rechner",
    "%1 on %2": "%1 auf %2",
    # DemoPosts
    "Welcome to Inkwell": "Willkommen bei Inkwell",
    "Inkwell saves **every keystroke** on your computer and syncs with your team's server whenever it can.\n\n- Write offline\n- Press *Sync* (Ctrl+R) or let it sync by itself\n- Edits that do not overlap merge by themselves\n":
        "Inkwell speichert **jeden Tastendruck** auf Ihrem Rechner und gleicht ihn mit dem Server Ihres Teams ab, sobald es geht.\n\n- Offline schreiben\n- *Abgleichen* drücken (Strg+R) oder automatisch abgleichen lassen\n- Änderungen, die sich nicht überschneiden, werden von selbst zusammengeführt\n",
    "inkwell": "inkwell",
    "guide": "anleitung",
    "A walk in the mountains": "Eine Wanderung in den Bergen",
    "The view from the ridge was worth the climb.\n\n![Mountains](attachment:%1)\n\nPaste or drop an image into the editor to add your own.\n":
        "Die Aussicht vom Grat war den Aufstieg wert.\n\n![Berge](attachment:%1)\n\nFügen Sie ein Bild ein oder ziehen Sie es in den Editor, um ein eigenes hinzuzufügen.\n",
    "travel": "reisen",
    "Draft: ideas for next week": "Entwurf: Ideen für nächste Woche",
    "## Ideas\n\n1. Interview with the new editor\n2. Photo essay\n3. `code` snippets that explain themselves\n":
        "## Ideen\n\n1. Interview mit der neuen Redakteurin\n2. Fotoessay\n3. `Code`-Schnipsel, die sich selbst erklären\n",
    "ideas": "ideen",
    "Markdown cheat sheet": "Markdown-Spickzettel",
    "# Heading\n\n*italic*, **bold**, `code` and [links](https://example.org).\n\n> Quotes look like this.\n":
        "# Überschrift\n\n*kursiv*, **fett**, `Code` und [Links](https://example.org).\n\n> So sehen Zitate aus.\n",
    # EditorApplication
    "Inkwell, the offline-first blog editor": "Inkwell, der Blog-Editor, der offline funktioniert",
    "Keep posts and settings in <dir>.": "Beiträge und Einstellungen in <Ordner> ablegen.",
    "dir": "Ordner",
    "Work without a server in this run.": "Bei diesem Start ohne Server arbeiten.",
    "Add example posts when there are none.": "Beispielbeiträge anlegen, wenn es keine gibt.",
    "Sign in to <url> (password from INKWELL_PASSWORD).": "Bei <URL> anmelden (Passwort aus INKWELL_PASSWORD).",
    "url": "URL",
    "User name for --server.": "Benutzername für --server.",
    "name": "Name",
    "Use a dark colour scheme.": "Ein dunkles Farbschema verwenden.",
    "Inkwell Cannot Open Your Posts": "Inkwell kann Ihre Beiträge nicht öffnen",
    "Database: %1": "Datenbank: %1",
    "You can start with an empty database; the damaged file is kept next to it so nothing is deleted.": "Sie können mit einer leeren Datenbank beginnen; die beschädigte Datei bleibt daneben erhalten, es wird nichts gelöscht.",
    "Start with an Empty Database": "Mit leerer Datenbank beginnen",
    "Quit": "Beenden",
    "Sign-in Failed": "Anmeldung fehlgeschlagen",
    "No Conflict": "Kein Konflikt",
    "This post has no conflict to resolve.": "Dieser Beitrag hat keinen Konflikt, der zu lösen wäre.",
    # EngineSyncService
    "Syncing with %1": "Abgleich mit %1",
    "Sync started": "Abgleich gestartet",
    "Sync finished: %1 sent, %2 received, %3 merged, %4 conflicts": "Abgleich beendet: %1 gesendet, %2 empfangen, %3 zusammengeführt, %4 Konflikte",
    "Sync failed: %1": "Abgleich fehlgeschlagen: %1",
    "Server reachable": "Server erreichbar",
    "Server not reachable; working offline": "Server nicht erreichbar; es wird offline gearbeitet",
    # BodyEdit
    "Post body": "Beitragstext",
    "Write your post in Markdown…": "Schreiben Sie Ihren Beitrag in Markdown …",
    "Pasted image": "Eingefügtes Bild",
    # ConflictDialog
    "(deleted)": "(gelöscht)",
    "Resolve Conflict": "Konflikt lösen",
    "<b>Your version</b>": "<b>Ihre Fassung</b>",
    "<b>Server version</b> by %1": "<b>Fassung auf dem Server</b> von %1",
    "Your version": "Ihre Fassung",
    "Server version": "Fassung auf dem Server",
    "Keep Mine": "Meine behalten",
    "Take Theirs": "Andere übernehmen",
    # CoverPicker
    "Cover image": "Titelbild",
    "Cover…": "Titelbild …",
    "Choose a cover image": "Ein Titelbild wählen",
    "Choose cover image": "Titelbild wählen",
    "Remove": "Entfernen",
    "Remove the cover image": "Das Titelbild entfernen",
    "Remove cover image": "Titelbild entfernen",
    "Choose a Cover Image": "Titelbild wählen",
    "Images (%1)": "Bilder (%1)",
    "No cover": "Kein Titelbild",
    "Missing": "Fehlt",
    # DeletePostCommand / list
    "Untitled": "Ohne Titel",
    "Delete “%1”": "„%1“ löschen",
    "Untitled post": "Beitrag ohne Titel",
    # LoginDialog
    "Sign In to a Server": "An einem Server anmelden",
    "Server address": "Serveradresse",
    "User name": "Benutzername",
    "Password": "Passwort",
    "Inkwell keeps your posts on this computer and syncs them with your team's server. Your password is not stored; the session token is kept in the system keychain.": "Inkwell bewahrt Ihre Beiträge auf diesem Rechner auf und gleicht sie mit dem Server Ihres Teams ab. Ihr Passwort wird nicht gespeichert; das Sitzungstoken liegt im Schlüsselbund des Systems.",
    "&Server:": "&Server:",
    "&User name:": "&Benutzername:",
    "&Password:": "&Passwort:",
    "Sign In": "Anmelden",
    "Work Offline": "Offline arbeiten",
    "Write without a server; you can sign in later.": "Ohne Server schreiben; Sie können sich später anmelden.",
    "Please enter the server address, your user name and password.": "Bitte geben Sie die Serveradresse, Ihren Benutzernamen und Ihr Passwort ein.",
    "Signing In…": "Anmeldung läuft …",
    # MainActions
    "&New Post": "&Neuer Beitrag",
    "&Delete Post": "Beitrag &löschen",
    "Delete the open post; Undo brings it back": "Den geöffneten Beitrag löschen; Rückgängig holt ihn zurück",
    "Insert &Image…": "&Bild einfügen …",
    "Insert an image into the post body": "Ein Bild in den Beitragstext einfügen",
    "&Undo": "&Rückgängig",
    "&Redo": "&Wiederholen",
    "Restore &Deleted Post": "&Gelöschten Beitrag wiederherstellen",
    "&Find Posts": "Beiträge &suchen",
    "&Sync Now": "Jetzt &abgleichen",
    "Send your changes and fetch the others'": "Ihre Änderungen senden und die der anderen holen",
    "&Resolve Conflict…": "Konflikt &lösen …",
    "Compare your version with the server's and choose": "Ihre Fassung mit der des Servers vergleichen und wählen",
    "Sync &Log": "Abgleichs&protokoll",
    "Sign &In…": "&Anmelden …",
    "Sign &Out": "Ab&melden",
    "S&ettings…": "&Einstellungen …",
    "Show Pre&view": "Vorschau an&zeigen",
    "&Quit": "&Beenden",
    "&All Posts": "&Alle Beiträge",
    "&Drafts": "&Entwürfe",
    "&Published": "&Veröffentlicht",
    "&Conflicted": "&Mit Konflikt",
    # MainWindow
    "Inkwell": "Inkwell",
    "&File": "&Datei",
    "&Edit": "&Bearbeiten",
    "&View": "&Ansicht",
    "&Sync": "Ab&gleich",
    "Main Toolbar": "Hauptwerkzeugleiste",
    "The post was deleted.": "Der Beitrag wurde gelöscht.",
    "Undo": "Rückgängig",
    # MessageBar
    "Dismiss": "Schließen",
    "Dismiss message": "Meldung schließen",
    # PostDelegate / PostListPane / PostEditor
    "Synced": "Abgeglichen",
    "Pending": "Ausstehend",
    "Conflicted": "Konflikt",
    "Error": "Fehler",
    "Local": "Lokal",
    "Published": "Veröffentlicht",
    "Draft": "Entwurf",
    "Title": "Titel",
    "Post title": "Beitragstitel",
    "Tags, separated by commas": "Schlagwörter, durch Kommas getrennt",
    "Tags": "Schlagwörter",
    "Publication state": "Veröffentlichungsstatus",
    "This post was deleted.": "Dieser Beitrag wurde gelöscht.",
    "This post was changed on the server in a way that conflicts with your edits.": "Dieser Beitrag wurde auf dem Server so geändert, dass es mit Ihren Änderungen kollidiert.",
    "Resolve…": "Lösen …",
    "This post could not be synced: %1": "Dieser Beitrag konnte nicht abgeglichen werden: %1",
    "This post changed elsewhere while you were typing, and the changes overlap. Nothing is lost: choose which version to keep.": "Dieser Beitrag wurde anderswo geändert, während Sie geschrieben haben, und die Änderungen überschneiden sich. Es geht nichts verloren: Wählen Sie, welche Fassung bleiben soll.",
    "Insert Image": "Bild einfügen",
    "Search posts": "Beiträge durchsuchen",
    "All": "Alle",
    "Drafts": "Entwürfe",
    "Show %1 posts": "%1 Beiträge anzeigen",
    "Posts": "Beiträge",
    # PreviewBrowser
    "Preview": "Vorschau",
    "Image not downloaded yet": "Bild noch nicht heruntergeladen",
    # SettingsDialog
    "Sync &automatically": "&Automatisch abgleichen",
    "Settings": "Einstellungen",
    "%1 as %2": "%1 als %2",
    "None (offline only). Use Sign In to connect to a server.": "Keiner (nur offline). Mit „Anmelden“ verbinden Sie sich mit einem Server.",
    "Sync when the server becomes reachable, a few seconds after you stop typing, and periodically.": "Abgleichen, sobald der Server erreichbar ist, einige Sekunden nach dem Schreiben und regelmäßig.",
    "Sync period in minutes": "Abgleichintervall in Minuten",
    " min": " min",
    "Server:": "Server:",
    "Sync &every:": "Abgleichen &alle:",
    # SyncLogWindow
    "Sync Log": "Abgleichsprotokoll",
    "Sync log": "Abgleichsprotokoll",
    "C&lear": "&Leeren",
    "Post %1 was not accepted: %2": "Beitrag %1 wurde nicht angenommen: %2",
    # SyncStatusWidget
    "just now": "gerade eben",
    "%1 min ago": "vor %1 min",
    "Sync progress": "Abgleichsfortschritt",
    "Syncing…": "Abgleich läuft …",
    "To sync: %1": "Abzugleichen: %1",
    "Conflicts: %1": "Konflikte: %1",
    "Offline only": "Nur offline",
    "Connecting…": "Verbinde …",
    "Online": "Online",
    "Offline": "Offline",
    "Last synced %1": "Zuletzt abgeglichen %1",
    "Not synced yet": "Noch nicht abgeglichen",
    "Posts written while signed out (%1) will now sync to your blog.": "Beiträge, die ohne Anmeldung geschrieben wurden (%1), werden jetzt mit Ihrem Blog abgeglichen.",
    "The post kept changing while it was saved.": "Der Beitrag hat sich während des Speicherns immer wieder geändert.",
    # server address rule (core/net) and the sign-in dialog
    "(post without a valid id)": "(Beitrag ohne gültige Kennung)",
    "Ask their authors to save these posts again.": "Bitten Sie die Autoren, diese Beiträge erneut zu speichern.",
    "A post from the server could not be read and was skipped: %1 (%2)": "Ein Beitrag vom Server konnte nicht gelesen werden und wurde übersprungen: %1 (%2)",
    "Enter the server's address, for example blog.example.org.": "Geben Sie die Adresse des Servers ein, zum Beispiel blog.example.org.",
    "This is not a valid server address.": "Das ist keine gültige Serveradresse.",
    "The server address must start with https:// (or http://), not %1:.": "Die Serveradresse muss mit https:// (oder http://) beginnen, nicht mit %1:.",
    "The server address must not contain a user name or password; give them separately.": "Die Serveradresse darf keinen Benutzernamen und kein Passwort enthalten; geben Sie diese getrennt an.",
    "The server address has no host name.": "Die Serveradresse enthält keinen Hostnamen.",
    "The server address must not contain a query (?) or fragment (#).": "Die Serveradresse darf keine Abfrage (?) und keinen Anker (#) enthalten.",
    "Enter the server's address without the API path (/api/…), for example https://blog.example.org.": "Geben Sie die Adresse des Servers ohne den API-Pfad (/api/…) ein, zum Beispiel https://blog.example.org.",
    "http:// would send your password and posts unencrypted to %1. Use https://, or allow unencrypted connections on a network you trust.": "Mit http:// würden Ihr Passwort und Ihre Beiträge unverschlüsselt an %1 gesendet. Verwenden Sie https:// oder erlauben Sie unverschlüsselte Verbindungen in einem Netzwerk, dem Sie vertrauen.",
    "Unencrypted connection: your password, session token and posts travel in clear to %1, readable by anyone on the network in between.": "Unverschlüsselte Verbindung: Ihr Passwort, Ihr Sitzungstoken und Ihre Beiträge gehen im Klartext an %1 und können von allen im Netzwerk dazwischen mitgelesen werden.",
    "Allow &unencrypted connection (http)": "&Unverschlüsselte Verbindung erlauben (http)",
    "Only for a server on a network you trust: with http:// your password and posts are not encrypted.": "Nur für einen Server in einem Netzwerk, dem Sie vertrauen: Mit http:// werden Ihr Passwort und Ihre Beiträge nicht verschlüsselt.",
    "Allow an unencrypted http:// --server address on another computer.": "Eine unverschlüsselte http://-Adresse für --server auf einem anderen Rechner erlauben.",
}

# Same source, different meaning by context.
BY_CONTEXT = {
    ("inkwell::ui::PostListPane", "Published"): "Veröffentlicht",
    ("inkwell::ui::PostListPane", "Conflicted"): "Konflikte",

    # The merge window, the editor's held buffer and undo stop, deleting a conflicted post
    ("inkwell::ui::MergeFieldRow", "%1: use mine"): "%1: meine Version verwenden",
    ("inkwell::ui::MergeFieldRow", "%1: use theirs"): "%1: Server-Version verwenden",
    ("inkwell::ui::MergeFieldRow", "(no tags)"): "(keine Schlagwörter)",
    ("inkwell::ui::MergeFieldRow", "(no title)"): "(kein Titel)",
    ("inkwell::ui::MergeFieldRow", "Accept the delete"): "Löschen übernehmen",
    ("inkwell::ui::MergeFieldRow", "Cover image"): "Titelbild",
    ("inkwell::ui::MergeFieldRow", "Cover not downloaded yet"): "Titelbild noch nicht heruntergeladen",
    ("inkwell::ui::MergeFieldRow", "Cover"): "Titelbild",
    ("inkwell::ui::MergeFieldRow", "Deleted"): "Gelöscht",
    ("inkwell::ui::MergeFieldRow", "Not downloaded yet"): "Noch nicht heruntergeladen",
    ("inkwell::ui::MergeFieldRow", "Draft"): "Entwurf",
    ("inkwell::ui::MergeFieldRow", "Edited"): "Bearbeitet",
    ("inkwell::ui::MergeFieldRow", "Keep my delete"): "Mein Löschen beibehalten",
    ("inkwell::ui::MergeFieldRow", "Mine:"): "Meine:",
    ("inkwell::ui::MergeFieldRow", "No cover"): "Kein Titelbild",
    ("inkwell::ui::MergeFieldRow", "Published"): "Veröffentlicht",
    ("inkwell::ui::MergeFieldRow", "Restore with my edits"): "Mit meinen Änderungen wiederherstellen",
    ("inkwell::ui::MergeFieldRow", "Restore with their edits"): "Mit ihren Änderungen wiederherstellen",
    ("inkwell::ui::MergeFieldRow", "State"): "Status",
    ("inkwell::ui::MergeFieldRow", "Tags"): "Schlagwörter",
    ("inkwell::ui::MergeFieldRow", "The server deleted this post; you edited it."): "Auf dem Server wurde dieser Beitrag gelöscht; Sie haben ihn bearbeitet.",
    ("inkwell::ui::MergeFieldRow", "Theirs:"): "Server:",
    ("inkwell::ui::MergeFieldRow", "Title"): "Titel",
    ("inkwell::ui::MergeFieldRow", "You deleted this post; the server edited it."): "Sie haben diesen Beitrag gelöscht; auf dem Server wurde er bearbeitet.",
    ("inkwell::ui::MergeHunkBar", "%1 (%2)"): "%1 (%2)",
    ("inkwell::ui::MergeHunkBar", "%1 · %2"): "%1 · %2",
    ("inkwell::ui::MergeHunkBar", "Both, Mine First"): "Beide, meine zuerst",
    ("inkwell::ui::MergeHunkBar", "Both, Theirs First"): "Beide, Server zuerst",
    ("inkwell::ui::MergeHunkBar", "Conflict %1 of %2"): "Konflikt %1 von %2",
    ("inkwell::ui::MergeHunkBar", "Merged change"): "Zusammengeführte Änderung",
    ("inkwell::ui::MergeHunkBar", "Next Conflict"): "Nächster Konflikt",
    ("inkwell::ui::MergeHunkBar", "Previous Conflict"): "Vorheriger Konflikt",
    ("inkwell::ui::MergeHunkBar", "Redo Choice"): "Auswahl wiederholen",
    ("inkwell::ui::MergeHunkBar", "Show Base"): "Basis anzeigen",
    ("inkwell::ui::MergeHunkBar", "Undo Choice"): "Auswahl rückgängig",
    ("inkwell::ui::MergeHunkBar", "Use Base"): "Basis verwenden",
    ("inkwell::ui::MergeHunkBar", "Use Mine"): "Meine verwenden",
    ("inkwell::ui::MergeHunkBar", "Use Theirs"): "Server verwenden",
    ("inkwell::ui::MergeHunkBar", "nothing left to resolve"): "nichts mehr offen",
    ("inkwell::ui::MergePanes", "Base (before both changes)"): "Basis (vor beiden Änderungen)",
    ("inkwell::ui::MergePanes", "Base version"): "Basisversion",
    ("inkwell::ui::MergePanes", "Merge result"): "Ergebnis der Zusammenführung",
    ("inkwell::ui::MergePanes", "Mine (deleted here)"): "Meine (hier gelöscht)",
    ("inkwell::ui::MergePanes", "Mine (your version)"): "Meine (Ihre Version)",
    ("inkwell::ui::MergePanes", "Server version"): "Server-Version",
    ("inkwell::ui::MergePanes", "Theirs (deleted on the server)"): "Server (auf dem Server gelöscht)",
    ("inkwell::ui::MergePanes", "Theirs (server version)"): "Server (Version auf dem Server)",
    ("inkwell::ui::MergePanes", "Your version"): "Ihre Version",
    ("inkwell::ui::MergeWindow", "&Save"): "&Speichern",
    ("inkwell::ui::MergeWindow", "Close without changing anything; the post stays in conflict"): "Schließen, ohne etwas zu ändern; der Beitrag bleibt im Konflikt",
    ("inkwell::ui::MergeWindow", "Keep &Both"): "&Beide behalten",
    ("inkwell::ui::MergeWindow", "Keep &Mine"): "&Meine behalten",
    ("inkwell::ui::MergeWindow", "Resolve Conflict – %1"): "Konflikt lösen – %1",
    ("inkwell::ui::MergeWindow", "Resolve Conflict"): "Konflikt lösen",
    ("inkwell::ui::MergeWindow", "Save your version as a new post now and take the server's version for this one"): "Ihre Version jetzt als neuen Beitrag speichern und für diesen die Server-Version übernehmen",
    ("inkwell::ui::MergeWindow", "Store the result; it syncs on the next run"): "Ergebnis speichern; es wird beim nächsten Abgleich synchronisiert",
    ("inkwell::ui::MergeWindow", "Take &Theirs"): "Server-Version &übernehmen",
    ("inkwell::ui::MergeWindow", "The server's version changed while you were resolving; the merge was redone."): "Die Version auf dem Server hat sich geändert, während Sie den Konflikt gelöst haben; die Zusammenführung wurde neu berechnet.",
    ("inkwell::ui::MergeWindow", "The server's version wins every open conflict. Save stores it."): "Die Server-Version gewinnt jeden offenen Konflikt. „Speichern“ speichert das Ergebnis.",
    ("inkwell::ui::MergeWindow", "This conflict was resolved elsewhere; there is nothing left to save. Close the window to see the post."): "Dieser Konflikt wurde an anderer Stelle gelöst; es gibt nichts mehr zu speichern. Schließen Sie das Fenster, um den Beitrag zu sehen.",
    ("inkwell::ui::MergeWindow", "Untitled"): "Ohne Titel",
    ("inkwell::ui::MergeWindow", "Your choices were kept."): "Ihre Entscheidungen wurden übernommen.",
    ("inkwell::ui::MergeWindow", "Your version wins every open conflict; their other changes are kept. Save stores it."): "Ihre Version gewinnt jeden offenen Konflikt; die übrigen Änderungen vom Server bleiben erhalten. „Speichern“ speichert das Ergebnis.",
    ("inkwell::ui::MergeWindow", "an unknown time"): "(unbekannt)",
    ("inkwell::ui::MergeWindow", "someone"): "jemandem",
    ("inkwell::ui::MergeWindow", "“%1” was changed on the server by %2 on %3 (revision %4) after you deleted it here. Choose what to keep."): "„%1“ wurde auf dem Server von %2 am %3 geändert (Revision %4), nachdem Sie den Beitrag hier gelöscht haben. Wählen Sie, was bleiben soll.",
    ("inkwell::ui::MergeWindow", "“%1” was changed on the server by %2 on %3 (revision %4) while you changed it here. Choose what to keep."): "„%1“ wurde auf dem Server von %2 am %3 geändert (Revision %4), während Sie ihn hier geändert haben. Wählen Sie, was bleiben soll.",
    ("inkwell::ui::MergeWindow", "“%1” was deleted on the server by %2 on %3 (revision %4) while you changed it here. Choose what to keep."): "„%1“ wurde auf dem Server von %2 am %3 gelöscht (Revision %4), während Sie ihn hier geändert haben. Wählen Sie, was bleiben soll.",
    ("inkwell::ui::MainWindow", "Delete Conflicted Post"): "Beitrag im Konflikt löschen",
    ("inkwell::ui::MainWindow", "This post changed on the server and conflicts with your version."): "Dieser Beitrag wurde auf dem Server geändert und steht im Konflikt mit Ihrer Version.",
    ("inkwell::ui::MainWindow", "Open the merge window to compare both versions, or delete it anyway: the delete then replaces the server's version."): "Öffnen Sie das Zusammenführungsfenster, um beide Versionen zu vergleichen, oder löschen Sie ihn trotzdem: Das Löschen ersetzt dann die Version auf dem Server.",
    ("inkwell::ui::MainWindow", "&Open Merge Window"): "Zusammenführungsfenster ö&ffnen",
    ("inkwell::ui::MainWindow", "&Delete Anyway"): "Trotzdem &löschen",
    ("inkwell::ui::PostDelegate", "Deleted here, changed on the server"): "Hier gelöscht, auf dem Server geändert",
    ("inkwell::ui::MergeWindow", "Your version of the post changed while you were resolving; the merge was redone."): "Ihre Version des Beitrags hat sich geändert, während Sie den Konflikt gelöst haben; die Zusammenführung wurde neu berechnet.",
    ("inkwell::ui::MergePanes", "&Result (editable)"): "&Ergebnis (bearbeitbar)",
    ("inkwell::ui::MergeHighlighter", "open conflict"): "offener Konflikt",
    ("inkwell::ui::MergeHighlighter", "mine"): "meine",
    ("inkwell::ui::MergeHighlighter", "theirs"): "Server",
    ("inkwell::ui::MergeHighlighter", "both"): "beide",
    ("inkwell::ui::MergeHighlighter", "written by hand"): "von Hand geschrieben",
    ("inkwell::ui::MergeHighlighter", "base or not taken"): "Basis oder nicht übernommen",
    ("inkwell::ui::PostEditor", "This post changed elsewhere while you were typing, and the changes overlap. Nothing is lost: your version is kept until you resolve them."): "Dieser Beitrag wurde anderswo geändert, während Sie geschrieben haben, und die Änderungen überschneiden sich. Nichts geht verloren: Ihre Fassung bleibt erhalten, bis Sie die Überschneidungen auflösen.",
    ("inkwell::ui::PostEditor", "Undo stops here: this text includes a change made elsewhere."): "Rückgängig hält hier an: Dieser Text enthält eine Änderung, die anderswo gemacht wurde.",
    ("inkwell::ui::PostEditor", "Undo stops here: this text includes a change from %1."): "Rückgängig hält hier an: Dieser Text enthält eine Änderung von %1.",
    ("inkwell::ui::PostEditor", "Undo Their Change"): "Deren Änderung rückgängig machen",
    ('inkwell::history', 'The server cannot be reached. History needs a connection.'): 'Der Server ist nicht erreichbar. Der Verlauf braucht eine Verbindung.',
    ('inkwell::history', 'Sign in to see the history of posts.'): 'Melden Sie sich an, um den Verlauf von Beiträgen zu sehen.',
    ('inkwell::history', 'This server keeps no history.'): 'Dieser Server bewahrt keinen Verlauf auf.',
    ('inkwell::history', 'The server has no history of this post for your account.'): 'Der Server hat für Ihr Konto keinen Verlauf dieses Beitrags.',
    ('inkwell::history', 'The history could not be read: %1'): 'Der Verlauf konnte nicht gelesen werden: %1',
    ('inkwell::ui::MainActions', 'Post &History…'): '&Verlauf des Beitrags …',
    ('inkwell::ui::MainActions', 'Earlier versions of the post on the server; restore one'): 'Frühere Versionen des Beitrags auf dem Server; eine davon wiederherstellen',
    ('inkwell::ui::MainActions', 'Deleted &Posts…'): 'Gelöschte &Beiträge …',
    ('inkwell::ui::MainActions', 'Posts deleted here or by others; restore one from its history'): 'Hier oder von anderen gelöschte Beiträge; einen aus seinem Verlauf wiederherstellen',
    ('inkwell::ui::DeletedPostsDialog', 'Show &History…'): '&Verlauf anzeigen …',
    ('inkwell::ui::DeletedPostsDialog', 'Deleted Posts'): 'Gelöschte Beiträge',
    ('inkwell::ui::DeletedPostsDialog', 'Posts deleted here or by others. Open the history of one to restore a version of it.'): 'Hier oder von anderen gelöschte Beiträge. Öffnen Sie den Verlauf eines Beitrags, um eine seiner Versionen wiederherzustellen.',
    ('inkwell::ui::DeletedPostsDialog', 'Deleted posts'): 'Gelöschte Beiträge',
    ('inkwell::ui::DeletedPostsDialog', 'Untitled'): 'Ohne Titel',
    ('inkwell::ui::DeletedPostsDialog', '%1 — deleted %2'): '%1 – gelöscht am %2',
    ('inkwell::ui::DeletedPostsDialog', 'No deleted posts.'): 'Keine gelöschten Beiträge.',
    ('inkwell::ui::HistoryDiffView', 'Title'): 'Titel',
    ('inkwell::ui::HistoryDiffView', 'Tags'): 'Schlagwörter',
    ('inkwell::ui::HistoryDiffView', 'State'): 'Status',
    ('inkwell::ui::HistoryDiffView', 'Cover'): 'Titelbild',
    ('inkwell::ui::HistoryDiffView', '(none)'): '(keins)',
    ('inkwell::ui::HistoryDiffView', 'Published'): 'Veröffentlicht',
    ('inkwell::ui::HistoryDiffView', 'Draft'): 'Entwurf',
    ('inkwell::ui::HistoryDiffView', 'Differences'): 'Unterschiede',
    ('inkwell::ui::HistoryWindow', 'Untitled'): 'Ohne Titel',
    ('inkwell::ui::HistoryWindow', 'Deleted: %1'): 'Gelöscht: %1',
    ('inkwell::ui::HistoryWindow', '&Try Again'): '&Erneut versuchen',
    ('inkwell::ui::HistoryWindow', 'Load &Older'): 'Ä&ltere laden',
    ('inkwell::ui::HistoryWindow', '&Restore This Version…'): 'Diese Version &wiederherstellen …',
    ('inkwell::ui::HistoryWindow', 'Select a version to compare it with the current text.'): 'Wählen Sie eine Version, um sie mit dem aktuellen Text zu vergleichen.',
    ('inkwell::ui::HistoryWindow', 'This post is not stored on this computer. Sync, then try again.'): 'Dieser Beitrag ist nicht auf diesem Computer gespeichert. Gleichen Sie ab und versuchen Sie es dann erneut.',
    ('inkwell::ui::HistoryWindow', 'Rev.'): 'Rev.',
    ('inkwell::ui::HistoryWindow', 'Author'): 'Autor',
    ('inkwell::ui::HistoryWindow', 'Time'): 'Zeit',
    ('inkwell::ui::HistoryWindow', 'Title'): 'Titel',
    ('inkwell::ui::HistoryWindow', 'Size'): 'Größe',
    ('inkwell::ui::HistoryWindow', 'Versions'): 'Versionen',
    ('inkwell::ui::HistoryWindow', "Make this version the post's content again, as a new change"): 'Diese Version wieder zum Inhalt des Beitrags machen, als neue Änderung',
    ('inkwell::ui::HistoryWindow', 'History of “%1”'): 'Verlauf von „%1“',
    ('inkwell::ui::HistoryWindow', 'Versions kept by the server, newest first. Select one to compare it with the current text.'): 'Vom Server aufbewahrte Versionen, die neueste zuerst. Wählen Sie eine, um sie mit dem aktuellen Text zu vergleichen.',
    ('inkwell::ui::HistoryWindow', 'This post is deleted. Restoring a version brings it back.'): 'Dieser Beitrag ist gelöscht. Das Wiederherstellen einer Version holt ihn zurück.',
    ('inkwell::ui::HistoryWindow', 'Loading the history…'): 'Verlauf wird geladen …',
    ('inkwell::ui::HistoryWindow', 'Loading…'): 'Wird geladen …',
    ('inkwell::ui::HistoryWindow', 'The server has no versions of this post yet. They are kept from its first sync on.'): 'Der Server hat noch keine Versionen dieses Beitrags. Sie werden ab seinem ersten Abgleich aufbewahrt.',
    ('inkwell::ui::HistoryWindow', 'Loading revision %1…'): 'Revision %1 wird geladen …',
    ('inkwell::ui::HistoryWindow', "Resolve the post's conflict first"): 'Lösen Sie zuerst den Konflikt des Beitrags',
    ('inkwell::ui::HistoryWindow', 'Revision %1 is the same as the current text.'): 'Revision %1 stimmt mit dem aktuellen Text überein.',
    ('inkwell::ui::HistoryWindow', 'Revision %1'): 'Revision %1',
    ('inkwell::ui::HistoryWindow', 'Deleted post'): 'Gelöschter Beitrag',
    ('inkwell::ui::HistoryWindow', 'Current text'): 'Aktueller Text',
    ('inkwell::ui::HistoryWindow', 'Restore Revision %1'): 'Revision %1 wiederherstellen',
    ('inkwell::ui::HistoryWindow', 'Restore revision %1 of “%2”?'): 'Revision %1 von „%2“ wiederherstellen?',
    ('inkwell::ui::HistoryWindow', "Its title, text, tags and state become the post's content again, as a new change on top of the current version. It syncs like any edit; the versions on the server stay in the history."): 'Ihr Titel, Text, ihre Schlagwörter und ihr Status werden wieder zum Inhalt des Beitrags, als neue Änderung auf der aktuellen Version. Sie wird wie jede Änderung abgeglichen; die Versionen auf dem Server bleiben im Verlauf.',
    ('inkwell::ui::HistoryWindow', 'Your changes that are not synced yet are replaced too.'): 'Ihre noch nicht abgeglichenen Änderungen werden ebenfalls ersetzt.',
    ('inkwell::ui::HistoryWindow', 'The deleted post is brought back.'): 'Der gelöschte Beitrag wird zurückgeholt.',
    ('inkwell::ui::HistoryWindow', '&Restore'): '&Wiederherstellen',
    ('inkwell::ui::HistoryWindow', 'The post is in conflict: resolve the conflict first.'): 'Der Beitrag steht im Konflikt: Lösen Sie zuerst den Konflikt.',
    ('inkwell::ui::HistoryWindow', 'Revision %1 was restored. It is sent with the next sync.'): 'Revision %1 wurde wiederhergestellt. Sie wird mit dem nächsten Abgleich gesendet.',
    ('inkwell::ui::BlogPicker', 'The blog you are working in: the list shows its posts and new posts go to it'): 'Das Blog, in dem Sie arbeiten: Die Liste zeigt seine Beiträge, und neue Beiträge kommen hinein',
    ('inkwell::ui::BlogPicker', 'Blog'): 'Blog',
    ('inkwell::ui::BlogPicker', '&Blog:'): '&Blog:',
    ('inkwell::ui::MainWindow', 'Posts written while signed out (%1) will now sync to %2.'): 'Beiträge, die ohne Anmeldung geschrieben wurden (%1), werden jetzt mit %2 abgeglichen.',
    ('inkwell::ui::PresenceText', '%1 is editing'): '%1 bearbeitet gerade',
    ('inkwell::ui::PresenceText', '%1 and %2 are editing'): '%1 und %2 bearbeiten gerade',
    ('inkwell::ui::PresenceText', '%1, %2 and one other are editing'): '%1, %2 und eine weitere Person bearbeiten gerade',
    ('inkwell::ui::PresenceText', '%1, %2 and %3 others are editing'): '%1, %2 und %3 weitere Personen bearbeiten gerade',
    ('inkwell::ui::PresenceText', 'Editing now: %1'): 'Gerade dabei: %1',
    ('inkwell::ui::MainActions', 'View on the &Blog'): 'Im &Blog ansehen',
    ('inkwell::ui::MainActions', "Open the post's page on the blog in the browser"): 'Die Seite des Beitrags im Blog im Browser öffnen',
    ('inkwell::ui::ViewOnBlog', 'The blog shows an older version until you sync'): 'Der Blog zeigt eine ältere Fassung, bis Sie synchronisieren',
    ('inkwell::ui::ViewOnBlog', 'Could not open the browser at %1'): 'Der Browser konnte %1 nicht öffnen',
    ('inkwell::editor::EngineBlogPageService', 'The post is not on a blog of this server.'): 'Der Beitrag gehört zu keinem Blog dieses Servers.',
    ('inkwell::editor::EngineBlogPageService', 'The blog does not show this post (is it public and synced?).'): 'Der Blog zeigt diesen Beitrag nicht (ist er öffentlich und synchronisiert?).',
    ('inkwell::editor::EngineBlogPageService', 'The server named no page for the post.'): 'Der Server hat keine Seite für den Beitrag genannt.',
}


# Plural messages (%n): the German singular and plural forms.
PLURALS = {
    ("inkwell::ui::PostListPane", "Search is catching up on %Ln post(s); some may be missing from the results."): [
        "Die Suche erfasst noch %Ln Beitrag; er kann in den Ergebnissen fehlen.",
        "Die Suche erfasst noch %Ln Beiträge; einige können in den Ergebnissen fehlen.",
    ],
    ("inkwell::ui::SyncStatusWidget", "%n unreadable post(s) from the server skipped"): [
        "%n unlesbarer Beitrag vom Server übersprungen",
        "%n unlesbare Beiträge vom Server übersprungen",
    ],
    ("inkwell::ui::MergeHunkBar", "%n left"): ["noch %n offen", "noch %n offen"],
    ("inkwell::ui::MergeWindow", "%n of your choices no longer apply; please check the result."): [
        "%n Ihrer Entscheidungen gilt nicht mehr; bitte prüfen Sie das Ergebnis.",
        "%n Ihrer Entscheidungen gelten nicht mehr; bitte prüfen Sie das Ergebnis.",
    ],
    ("inkwell::ui::MergeWindow", "Resolve the %n open conflict(s) first"): [
        "Lösen Sie zuerst den offenen Konflikt",
        "Lösen Sie zuerst die %n offenen Konflikte",
    ],
}


def finished(translation):
    """A translation someone already completed (in the file or by an earlier run) is kept."""
    if translation.attrib.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    return bool((translation.text or "").strip()) or len(translation.findall("numerusform")) > 0


def set_plural_forms(translation, forms):
    """Makes translation a finished plural translation with these forms (fill_en.py uses it too)."""
    translation.attrib.pop("type", None)
    translation.text = None
    for old in translation.findall("numerusform"):
        translation.remove(old)
    for form in forms:
        ET.SubElement(translation, "numerusform").text = form


def main(path):
    tree = ET.parse(path)
    missing = []
    for context in tree.getroot().findall("context"):
        name = context.find("name").text
        for message in context.findall("message"):
            source = message.find("source").text
            translation = message.find("translation")
            if message.get("numerus") == "yes":
                forms = PLURALS.get((name, source), PLURALS.get(source))
                if forms is None:
                    if not finished(translation):
                        missing.append(f"{name}: {source!r} (plural)")
                    continue
                set_plural_forms(translation, forms)
                continue
            text = BY_CONTEXT.get((name, source), DE.get(source))
            if text is None:
                if not finished(translation):
                    missing.append(f"{name}: {source!r}")
                continue
            translation.attrib.pop("type", None)
            translation.text = text
    if missing:
        print("no German text for:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "translations/inkwell_de.ts"))
