<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>inkwell</name>
    <message>
        <source>No error.</source>
        <translation>Kein Fehler.</translation>
    </message>
    <message>
        <source>The local database could not be opened.</source>
        <translation>Die lokale Datenbank konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>The local database is damaged and cannot be read.</source>
        <translation>Die lokale Datenbank ist beschädigt und kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The local database is read-only; changes cannot be saved.</source>
        <translation>Die lokale Datenbank ist schreibgeschützt; Änderungen können nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>The local database was written by a newer version of Inkwell.</source>
        <translation>Die lokale Datenbank wurde von einer neueren Inkwell-Version geschrieben.</translation>
    </message>
    <message>
        <source>The disk is full; the last change could not be saved.</source>
        <translation>Der Datenträger ist voll; die letzte Änderung konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>The local database reported an error.</source>
        <translation>Die lokale Datenbank hat einen Fehler gemeldet.</translation>
    </message>
    <message>
        <source>The item was not found.</source>
        <translation>Der Eintrag wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>The input is not valid.</source>
        <translation>Die Eingabe ist ungültig.</translation>
    </message>
    <message>
        <source>The data is malformed.</source>
        <translation>Die Daten sind fehlerhaft.</translation>
    </message>
    <message>
        <source>The data is too large.</source>
        <translation>Die Daten sind zu groß.</translation>
    </message>
    <message>
        <source>The image data does not match its checksum.</source>
        <translation>Die Bilddaten passen nicht zu ihrer Prüfsumme.</translation>
    </message>
    <message>
        <source>Please sign in again.</source>
        <translation>Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Your account has no access to this blog.</source>
        <translation>Ihr Konto hat keinen Zugriff auf dieses Blog.</translation>
    </message>
    <message>
        <source>Someone else changed this post at the same time.</source>
        <translation>Jemand anderes hat diesen Beitrag gleichzeitig geändert.</translation>
    </message>
    <message>
        <source>The server asked to slow down; trying again shortly.</source>
        <translation>Der Server bittet um weniger Anfragen; gleich wird es erneut versucht.</translation>
    </message>
    <message>
        <source>The server is not reachable right now.</source>
        <translation>Der Server ist gerade nicht erreichbar.</translation>
    </message>
    <message>
        <source>The server reported an error.</source>
        <translation>Der Server hat einen Fehler gemeldet.</translation>
    </message>
    <message>
        <source>The server asked for a full resynchronisation.</source>
        <translation>Der Server verlangt einen vollständigen Neuabgleich.</translation>
    </message>
    <message>
        <source>The network connection failed.</source>
        <translation>Die Netzwerkverbindung ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The operation was cancelled.</source>
        <translation>Der Vorgang wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The system keychain reported an error.</source>
        <translation>Der Schlüsselbund des Systems hat einen Fehler gemeldet.</translation>
    </message>
    <message>
        <source>No system keychain is available to store your sign-in.</source>
        <translation>Es ist kein Schlüsselbund verfügbar, um Ihre Anmeldung zu speichern.</translation>
    </message>
    <message>
        <source>An internal error occurred.</source>
        <translation>Ein interner Fehler ist aufgetreten.</translation>
    </message>
    <message>
        <source>An unknown error occurred.</source>
        <translation>Ein unbekannter Fehler ist aufgetreten.</translation>
    </message>
</context>
<context>
    <name>inkwell::editor::AccountController</name>
    <message>
        <source>Sign-in Not Saved</source>
        <translation>Anmeldung nicht gespeichert</translation>
    </message>
    <message>
        <source>Your sign-in could not be saved (%1). You will be asked to sign in again next time.</source>
        <translation>Ihre Anmeldung konnte nicht gespeichert werden (%1). Beim nächsten Start werden Sie erneut gefragt.</translation>
    </message>
    <message>
        <source>No Keychain Available</source>
        <translation>Kein Schlüsselbund verfügbar</translation>
    </message>
    <message>
        <source>No system keychain is available to keep your sign-in safe.</source>
        <translation>Es ist kein Schlüsselbund verfügbar, um Ihre Anmeldung sicher aufzubewahren.</translation>
    </message>
    <message>
        <source>Inkwell can keep the session token in a file that only your user account can read (%1), or not keep it at all and ask you to sign in each time it starts. Your password is never stored.</source>
        <translation>Inkwell kann das Sitzungstoken in einer Datei aufbewahren, die nur Ihr Benutzerkonto lesen kann (%1), oder es gar nicht aufbewahren und Sie bei jedem Start nach der Anmeldung fragen. Ihr Passwort wird nie gespeichert.</translation>
    </message>
    <message>
        <source>Keep in a File</source>
        <translation>In einer Datei aufbewahren</translation>
    </message>
    <message>
        <source>Do Not Keep</source>
        <translation>Nicht aufbewahren</translation>
    </message>
    <message>
        <source>Offline only: posts stay on this computer</source>
        <translation>Nur offline: Beiträge bleiben auf diesem Rechner</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
</context>
<context>
    <name>inkwell::editor::DemoPosts</name>
    <message>
        <source>Welcome to Inkwell</source>
        <translation>Willkommen bei Inkwell</translation>
    </message>
    <message>
        <source>Inkwell saves **every keystroke** on your computer and syncs with your team&apos;s server whenever it can.

- Write offline
- Press *Sync* (Ctrl+R) or let it sync by itself
- Edits that do not overlap merge by themselves
</source>
        <translation>Inkwell speichert **jeden Tastendruck** auf Ihrem Rechner und gleicht ihn mit dem Server Ihres Teams ab, sobald es geht.

- Offline schreiben
- *Abgleichen* drücken (Strg+R) oder automatisch abgleichen lassen
- Änderungen, die sich nicht überschneiden, werden von selbst zusammengeführt
</translation>
    </message>
    <message>
        <source>inkwell</source>
        <translation>inkwell</translation>
    </message>
    <message>
        <source>guide</source>
        <translation>anleitung</translation>
    </message>
    <message>
        <source>A walk in the mountains</source>
        <translation>Eine Wanderung in den Bergen</translation>
    </message>
    <message>
        <source>The view from the ridge was worth the climb.

![Mountains](attachment:%1)

Paste or drop an image into the editor to add your own.
</source>
        <translation>Die Aussicht vom Grat war den Aufstieg wert.

![Berge](attachment:%1)

Fügen Sie ein Bild ein oder ziehen Sie es in den Editor, um ein eigenes hinzuzufügen.
</translation>
    </message>
    <message>
        <source>travel</source>
        <translation>reisen</translation>
    </message>
    <message>
        <source>Draft: ideas for next week</source>
        <translation>Entwurf: Ideen für nächste Woche</translation>
    </message>
    <message>
        <source>## Ideas

1. Interview with the new editor
2. Photo essay
3. `code` snippets that explain themselves
</source>
        <translation>## Ideen

1. Interview mit der neuen Redakteurin
2. Fotoessay
3. `Code`-Schnipsel, die sich selbst erklären
</translation>
    </message>
    <message>
        <source>ideas</source>
        <translation>ideen</translation>
    </message>
    <message>
        <source>Markdown cheat sheet</source>
        <translation>Markdown-Spickzettel</translation>
    </message>
    <message>
        <source># Heading

*italic*, **bold**, `code` and [links](https://example.org).

&gt; Quotes look like this.
</source>
        <translation># Überschrift

*kursiv*, **fett**, `Code` und [Links](https://example.org).

&gt; So sehen Zitate aus.
</translation>
    </message>
</context>
<context>
    <name>inkwell::editor::EditorApplication</name>
    <message>
        <source>Inkwell, the offline-first blog editor</source>
        <translation>Inkwell, der Blog-Editor, der offline funktioniert</translation>
    </message>
    <message>
        <source>Keep posts and settings in &lt;dir&gt;.</source>
        <translation>Beiträge und Einstellungen in &lt;Ordner&gt; ablegen.</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Work without a server in this run.</source>
        <translation>Bei diesem Start ohne Server arbeiten.</translation>
    </message>
    <message>
        <source>Add example posts when there are none.</source>
        <translation>Beispielbeiträge anlegen, wenn es keine gibt.</translation>
    </message>
    <message>
        <source>Sign in to &lt;url&gt; (password from INKWELL_PASSWORD).</source>
        <translation>Bei &lt;URL&gt; anmelden (Passwort aus INKWELL_PASSWORD).</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>User name for --server.</source>
        <translation>Benutzername für --server.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Use a dark colour scheme.</source>
        <translation>Ein dunkles Farbschema verwenden.</translation>
    </message>
    <message>
        <source>Offline only: posts stay on this computer</source>
        <translation>Nur offline: Beiträge bleiben auf diesem Rechner</translation>
    </message>
    <message>
        <source>Inkwell Cannot Open Your Posts</source>
        <translation>Inkwell kann Ihre Beiträge nicht öffnen</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
    <message>
        <source>You can start with an empty database; the damaged file is kept next to it so nothing is deleted.</source>
        <translation>Sie können mit einer leeren Datenbank beginnen; die beschädigte Datei bleibt daneben erhalten, es wird nichts gelöscht.</translation>
    </message>
    <message>
        <source>Start with an Empty Database</source>
        <translation>Mit leerer Datenbank beginnen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Sign-in Failed</source>
        <translation>Anmeldung fehlgeschlagen</translation>
    </message>
    <message>
        <source>No Conflict</source>
        <translation>Kein Konflikt</translation>
    </message>
    <message>
        <source>This post has no conflict to resolve.</source>
        <translation>Dieser Beitrag hat keinen Konflikt, der zu lösen wäre.</translation>
    </message>
    <message>
        <source>Allow an unencrypted http:// --server address on another computer.</source>
        <translation>Eine unverschlüsselte http://-Adresse für --server auf einem anderen Rechner erlauben.</translation>
    </message>
</context>
<context>
    <name>inkwell::editor::EngineBlogPageService</name>
    <message>
        <source>The post is not on a blog of this server.</source>
        <translation>Der Beitrag gehört zu keinem Blog dieses Servers.</translation>
    </message>
    <message>
        <source>The blog does not show this post (is it public and synced?).</source>
        <translation>Der Blog zeigt diesen Beitrag nicht (ist er öffentlich und synchronisiert?).</translation>
    </message>
    <message>
        <source>The server named no page for the post.</source>
        <translation>Der Server hat keine Seite für den Beitrag genannt.</translation>
    </message>
</context>
<context>
    <name>inkwell::editor::EngineSyncService</name>
    <message>
        <source>Syncing with %1</source>
        <translation>Abgleich mit %1</translation>
    </message>
    <message>
        <source>Sync started</source>
        <translation>Abgleich gestartet</translation>
    </message>
    <message>
        <source>Sync finished: %1 sent, %2 received, %3 merged, %4 conflicts</source>
        <translation>Abgleich beendet: %1 gesendet, %2 empfangen, %3 zusammengeführt, %4 Konflikte</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Abgleich fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Server reachable</source>
        <translation>Server erreichbar</translation>
    </message>
    <message>
        <source>Server not reachable; working offline</source>
        <translation>Server nicht erreichbar; es wird offline gearbeitet</translation>
    </message>
    <message numerus="yes">
        <source>The server was restored from a backup: %n post(s) it had lost were sent again</source>
        <translation>
            <numerusform>Der Server wurde aus einer Sicherung wiederhergestellt: %n Beitrag, der ihm fehlte, wurde erneut gesendet</numerusform>
            <numerusform>Der Server wurde aus einer Sicherung wiederhergestellt: %n Beiträge, die ihm fehlten, wurden erneut gesendet</numerusform>
        </translation>
    </message>
    <message>
        <source>No answer from the server (%1); trying again in %2 s</source>
        <translation>Keine Antwort vom Server (%1); neuer Versuch in %2 s</translation>
    </message>
    <message>
        <source>A post from the server could not be read and was skipped: %1 (%2)</source>
        <translation>Ein Beitrag vom Server konnte nicht gelesen werden und wurde übersprungen: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>inkwell::net</name>
    <message>
        <source>Enter the server&apos;s address, for example blog.example.org.</source>
        <translation>Geben Sie die Adresse des Servers ein, zum Beispiel blog.example.org.</translation>
    </message>
    <message>
        <source>This is not a valid server address.</source>
        <translation>Das ist keine gültige Serveradresse.</translation>
    </message>
    <message>
        <source>The server address must start with https:// (or http://), not %1:.</source>
        <translation>Die Serveradresse muss mit https:// (oder http://) beginnen, nicht mit %1:.</translation>
    </message>
    <message>
        <source>The server address must not contain a user name or password; give them separately.</source>
        <translation>Die Serveradresse darf keinen Benutzernamen und kein Passwort enthalten; geben Sie diese getrennt an.</translation>
    </message>
    <message>
        <source>The server address has no host name.</source>
        <translation>Die Serveradresse enthält keinen Hostnamen.</translation>
    </message>
    <message>
        <source>The server address must not contain a query (?) or fragment (#).</source>
        <translation>Die Serveradresse darf keine Abfrage (?) und keinen Anker (#) enthalten.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address without the API path (/api/…), for example https://blog.example.org.</source>
        <translation>Geben Sie die Adresse des Servers ohne den API-Pfad (/api/…) ein, zum Beispiel https://blog.example.org.</translation>
    </message>
    <message>
        <source>http:// would send your password and posts unencrypted to %1. Use https://, or allow unencrypted connections on a network you trust.</source>
        <translation>Mit http:// würden Ihr Passwort und Ihre Beiträge unverschlüsselt an %1 gesendet. Verwenden Sie https:// oder erlauben Sie unverschlüsselte Verbindungen in einem Netzwerk, dem Sie vertrauen.</translation>
    </message>
    <message>
        <source>Unencrypted connection: your password, session token and posts travel in clear to %1, readable by anyone on the network in between.</source>
        <translation>Unverschlüsselte Verbindung: Ihr Passwort, Ihr Sitzungstoken und Ihre Beiträge gehen im Klartext an %1 und können von allen im Netzwerk dazwischen mitgelesen werden.</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::BlogPicker</name>
    <message>
        <source>The blog you are working in: the list shows its posts and new posts go to it</source>
        <translation>Das Blog, in dem Sie arbeiten: Die Liste zeigt seine Beiträge, und neue Beiträge kommen hinein</translation>
    </message>
    <message>
        <source>Blog</source>
        <translation>Blog</translation>
    </message>
    <message>
        <source>&amp;Blog:</source>
        <translation>&amp;Blog:</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::BodyEdit</name>
    <message>
        <source>Post body</source>
        <translation>Beitragstext</translation>
    </message>
    <message>
        <source>Write your post in Markdown…</source>
        <translation>Schreiben Sie Ihren Beitrag in Markdown …</translation>
    </message>
    <message>
        <source>Pasted image</source>
        <translation>Eingefügtes Bild</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::CoverPicker</name>
    <message>
        <source>Cover image</source>
        <translation>Titelbild</translation>
    </message>
    <message>
        <source>Cover…</source>
        <translation>Titelbild …</translation>
    </message>
    <message>
        <source>Choose a cover image</source>
        <translation>Ein Titelbild wählen</translation>
    </message>
    <message>
        <source>Choose cover image</source>
        <translation>Titelbild wählen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the cover image</source>
        <translation>Das Titelbild entfernen</translation>
    </message>
    <message>
        <source>Remove cover image</source>
        <translation>Titelbild entfernen</translation>
    </message>
    <message>
        <source>Choose a Cover Image</source>
        <translation>Titelbild wählen</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Bilder (%1)</translation>
    </message>
    <message>
        <source>No cover</source>
        <translation>Kein Titelbild</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Fehlt</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::DeletePostCommand</name>
    <message>
        <source>Untitled</source>
        <translation>Ohne Titel</translation>
    </message>
    <message>
        <source>Delete “%1”</source>
        <translation>„%1“ löschen</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::DeletedPostsDialog</name>
    <message>
        <source>Show &amp;History…</source>
        <translation>&amp;Verlauf anzeigen …</translation>
    </message>
    <message>
        <source>Deleted Posts</source>
        <translation>Gelöschte Beiträge</translation>
    </message>
    <message>
        <source>Posts deleted here or by others. Open the history of one to restore a version of it.</source>
        <translation>Hier oder von anderen gelöschte Beiträge. Öffnen Sie den Verlauf eines Beitrags, um eine seiner Versionen wiederherzustellen.</translation>
    </message>
    <message>
        <source>Deleted posts</source>
        <translation>Gelöschte Beiträge</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Ohne Titel</translation>
    </message>
    <message>
        <source>%1 — deleted %2</source>
        <translation>%1 – gelöscht am %2</translation>
    </message>
    <message>
        <source>No deleted posts.</source>
        <translation>Keine gelöschten Beiträge.</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::HistoryDiffView</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Cover</source>
        <translation>Titelbild</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keins)</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>Unterschiede</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::HistoryWindow</name>
    <message>
        <source>Untitled</source>
        <translation>Ohne Titel</translation>
    </message>
    <message>
        <source>Deleted: %1</source>
        <translation>Gelöscht: %1</translation>
    </message>
    <message>
        <source>&amp;Try Again</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Load &amp;Older</source>
        <translation>Ä&amp;ltere laden</translation>
    </message>
    <message>
        <source>&amp;Restore This Version…</source>
        <translation>Diese Version &amp;wiederherstellen …</translation>
    </message>
    <message>
        <source>Select a version to compare it with the current text.</source>
        <translation>Wählen Sie eine Version, um sie mit dem aktuellen Text zu vergleichen.</translation>
    </message>
    <message>
        <source>This post is not stored on this computer. Sync, then try again.</source>
        <translation>Dieser Beitrag ist nicht auf diesem Computer gespeichert. Gleichen Sie ab und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Rev.</source>
        <translation>Rev.</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <source>History of “%1”</source>
        <translation>Verlauf von „%1“</translation>
    </message>
    <message>
        <source>Versions kept by the server, newest first. Select one to compare it with the current text.</source>
        <translation>Vom Server aufbewahrte Versionen, die neueste zuerst. Wählen Sie eine, um sie mit dem aktuellen Text zu vergleichen.</translation>
    </message>
    <message>
        <source>This post is deleted. Restoring a version brings it back.</source>
        <translation>Dieser Beitrag ist gelöscht. Das Wiederherstellen einer Version holt ihn zurück.</translation>
    </message>
    <message>
        <source>Loading the history…</source>
        <translation>Verlauf wird geladen …</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>The server has no versions of this post yet. They are kept from its first sync on.</source>
        <translation>Der Server hat noch keine Versionen dieses Beitrags. Sie werden ab seinem ersten Abgleich aufbewahrt.</translation>
    </message>
    <message>
        <source>Loading revision %1…</source>
        <translation>Revision %1 wird geladen …</translation>
    </message>
    <message>
        <source>Resolve the post&apos;s conflict first</source>
        <translation>Lösen Sie zuerst den Konflikt des Beitrags</translation>
    </message>
    <message>
        <source>Make this version the post&apos;s content again, as a new change</source>
        <translation>Diese Version wieder zum Inhalt des Beitrags machen, als neue Änderung</translation>
    </message>
    <message>
        <source>Revision %1 is the same as the current text.</source>
        <translation>Revision %1 stimmt mit dem aktuellen Text überein.</translation>
    </message>
    <message>
        <source>Revision %1</source>
        <translation>Revision %1</translation>
    </message>
    <message>
        <source>Deleted post</source>
        <translation>Gelöschter Beitrag</translation>
    </message>
    <message>
        <source>Current text</source>
        <translation>Aktueller Text</translation>
    </message>
    <message>
        <source>Restore Revision %1</source>
        <translation>Revision %1 wiederherstellen</translation>
    </message>
    <message>
        <source>Restore revision %1 of “%2”?</source>
        <translation>Revision %1 von „%2“ wiederherstellen?</translation>
    </message>
    <message>
        <source>Its title, text, tags and state become the post&apos;s content again, as a new change on top of the current version. It syncs like any edit; the versions on the server stay in the history.</source>
        <translation>Ihr Titel, Text, ihre Schlagwörter und ihr Status werden wieder zum Inhalt des Beitrags, als neue Änderung auf der aktuellen Version. Sie wird wie jede Änderung abgeglichen; die Versionen auf dem Server bleiben im Verlauf.</translation>
    </message>
    <message>
        <source>The deleted post is brought back.</source>
        <translation>Der gelöschte Beitrag wird zurückgeholt.</translation>
    </message>
    <message>
        <source>Your changes that are not synced yet are replaced too.</source>
        <translation>Ihre noch nicht abgeglichenen Änderungen werden ebenfalls ersetzt.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>The post is in conflict: resolve the conflict first.</source>
        <translation>Der Beitrag steht im Konflikt: Lösen Sie zuerst den Konflikt.</translation>
    </message>
    <message>
        <source>Revision %1 was restored. It is sent with the next sync.</source>
        <translation>Revision %1 wurde wiederhergestellt. Sie wird mit dem nächsten Abgleich gesendet.</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::LoginDialog</name>
    <message>
        <source>Sign In to a Server</source>
        <translation>An einem Server anmelden</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Inkwell keeps your posts on this computer and syncs them with your team&apos;s server. Your password is not stored; the session token is kept in the system keychain.</source>
        <translation>Inkwell bewahrt Ihre Beiträge auf diesem Rechner auf und gleicht sie mit dem Server Ihres Teams ab. Ihr Passwort wird nicht gespeichert; das Sitzungstoken liegt im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Work Offline</source>
        <translation>Offline arbeiten</translation>
    </message>
    <message>
        <source>Write without a server; you can sign in later.</source>
        <translation>Ohne Server schreiben; Sie können sich später anmelden.</translation>
    </message>
    <message>
        <source>Please enter the server address, your user name and password.</source>
        <translation>Bitte geben Sie die Serveradresse, Ihren Benutzernamen und Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>Signing In…</source>
        <translation>Anmeldung läuft …</translation>
    </message>
    <message>
        <source>Allow &amp;unencrypted connection (http)</source>
        <translation>&amp;Unverschlüsselte Verbindung erlauben (http)</translation>
    </message>
    <message>
        <source>Only for a server on a network you trust: with http:// your password and posts are not encrypted.</source>
        <translation>Nur für einen Server in einem Netzwerk, dem Sie vertrauen: Mit http:// werden Ihr Passwort und Ihre Beiträge nicht verschlüsselt.</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::MainActions</name>
    <message>
        <source>&amp;New Post</source>
        <translation>&amp;Neuer Beitrag</translation>
    </message>
    <message>
        <source>&amp;Delete Post</source>
        <translation>Beitrag &amp;löschen</translation>
    </message>
    <message>
        <source>Delete the open post; Undo brings it back</source>
        <translation>Den geöffneten Beitrag löschen; Rückgängig holt ihn zurück</translation>
    </message>
    <message>
        <source>Insert &amp;Image…</source>
        <translation>&amp;Bild einfügen …</translation>
    </message>
    <message>
        <source>Insert an image into the post body</source>
        <translation>Ein Bild in den Beitragstext einfügen</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Restore &amp;Deleted Post</source>
        <translation>&amp;Gelöschten Beitrag wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Find Posts</source>
        <translation>Beiträge &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>Jetzt &amp;abgleichen</translation>
    </message>
    <message>
        <source>Send your changes and fetch the others&apos;</source>
        <translation>Ihre Änderungen senden und die der anderen holen</translation>
    </message>
    <message>
        <source>&amp;Resolve Conflict…</source>
        <translation>Konflikt &amp;lösen …</translation>
    </message>
    <message>
        <source>Compare your version with the server&apos;s and choose</source>
        <translation>Ihre Fassung mit der des Servers vergleichen und wählen</translation>
    </message>
    <message>
        <source>Sync &amp;Log</source>
        <translation>Abgleichs&amp;protokoll</translation>
    </message>
    <message>
        <source>Sign &amp;In…</source>
        <translation>&amp;Anmelden …</translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;All Posts</source>
        <translation>&amp;Alle Beiträge</translation>
    </message>
    <message>
        <source>&amp;Drafts</source>
        <translation>&amp;Entwürfe</translation>
    </message>
    <message>
        <source>&amp;Published</source>
        <translation>&amp;Veröffentlicht</translation>
    </message>
    <message>
        <source>&amp;Conflicted</source>
        <translation>&amp;Mit Konflikt</translation>
    </message>
    <message>
        <source>Post &amp;History…</source>
        <translation>&amp;Verlauf des Beitrags …</translation>
    </message>
    <message>
        <source>Earlier versions of the post on the server; restore one</source>
        <translation>Frühere Versionen des Beitrags auf dem Server; eine davon wiederherstellen</translation>
    </message>
    <message>
        <source>Deleted &amp;Posts…</source>
        <translation>Gelöschte &amp;Beiträge …</translation>
    </message>
    <message>
        <source>Posts deleted here or by others; restore one from its history</source>
        <translation>Hier oder von anderen gelöschte Beiträge; einen aus seinem Verlauf wiederherstellen</translation>
    </message>
    <message>
        <source>View on the &amp;Blog</source>
        <translation>Im &amp;Blog ansehen</translation>
    </message>
    <message>
        <source>Open the post&apos;s page on the blog in the browser</source>
        <translation>Die Seite des Beitrags im Blog im Browser öffnen</translation>
    </message>
    <message>
        <source>Show Pre&amp;view</source>
        <translation>Vorschau an&amp;zeigen</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::MainWindow</name>
    <message>
        <source>Inkwell</source>
        <translation>Inkwell</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>Ab&amp;gleich</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>The post was deleted.</source>
        <translation>Der Beitrag wurde gelöscht.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Posts written while signed out (%1) will now sync to your blog.</source>
        <translation>Beiträge, die ohne Anmeldung geschrieben wurden (%1), werden jetzt mit Ihrem Blog abgeglichen.</translation>
    </message>
    <message>
        <source>Delete Conflicted Post</source>
        <translation>Beitrag im Konflikt löschen</translation>
    </message>
    <message>
        <source>This post changed on the server and conflicts with your version.</source>
        <translation>Dieser Beitrag wurde auf dem Server geändert und steht im Konflikt mit Ihrer Version.</translation>
    </message>
    <message>
        <source>Open the merge window to compare both versions, or delete it anyway: the delete then replaces the server&apos;s version.</source>
        <translation>Öffnen Sie das Zusammenführungsfenster, um beide Versionen zu vergleichen, oder löschen Sie ihn trotzdem: Das Löschen ersetzt dann die Version auf dem Server.</translation>
    </message>
    <message>
        <source>&amp;Open Merge Window</source>
        <translation>Zusammenführungsfenster ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Delete Anyway</source>
        <translation>Trotzdem &amp;löschen</translation>
    </message>
    <message>
        <source>Posts written while signed out (%1) will now sync to %2.</source>
        <translation>Beiträge, die ohne Anmeldung geschrieben wurden (%1), werden jetzt mit %2 abgeglichen.</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::MergeFieldRow</name>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Cover</source>
        <translation>Titelbild</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>(no title)</source>
        <translation>(kein Titel)</translation>
    </message>
    <message>
        <source>(no tags)</source>
        <translation>(keine Schlagwörter)</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Bearbeitet</translation>
    </message>
    <message>
        <source>Restore with my edits</source>
        <translation>Mit meinen Änderungen wiederherstellen</translation>
    </message>
    <message>
        <source>Keep my delete</source>
        <translation>Mein Löschen beibehalten</translation>
    </message>
    <message>
        <source>Accept the delete</source>
        <translation>Löschen übernehmen</translation>
    </message>
    <message>
        <source>Restore with their edits</source>
        <translation>Mit ihren Änderungen wiederherstellen</translation>
    </message>
    <message>
        <source>The server deleted this post; you edited it.</source>
        <translation>Auf dem Server wurde dieser Beitrag gelöscht; Sie haben ihn bearbeitet.</translation>
    </message>
    <message>
        <source>You deleted this post; the server edited it.</source>
        <translation>Sie haben diesen Beitrag gelöscht; auf dem Server wurde er bearbeitet.</translation>
    </message>
    <message>
        <source>Mine:</source>
        <translation>Meine:</translation>
    </message>
    <message>
        <source>Theirs:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>%1: use mine</source>
        <translation>%1: meine Version verwenden</translation>
    </message>
    <message>
        <source>%1: use theirs</source>
        <translation>%1: Server-Version verwenden</translation>
    </message>
    <message>
        <source>No cover</source>
        <translation>Kein Titelbild</translation>
    </message>
    <message>
        <source>Not downloaded yet</source>
        <translation>Noch nicht heruntergeladen</translation>
    </message>
    <message>
        <source>Cover not downloaded yet</source>
        <translation>Titelbild noch nicht heruntergeladen</translation>
    </message>
    <message>
        <source>Cover image</source>
        <translation>Titelbild</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::MergeHighlighter</name>
    <message>
        <source>open conflict</source>
        <translation>offener Konflikt</translation>
    </message>
    <message>
        <source>mine</source>
        <translation>meine</translation>
    </message>
    <message>
        <source>theirs</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>both</source>
        <translation>beide</translation>
    </message>
    <message>
        <source>written by hand</source>
        <translation>von Hand geschrieben</translation>
    </message>
    <message>
        <source>base or not taken</source>
        <translation>Basis oder nicht übernommen</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::MergeHunkBar</name>
    <message>
        <source>Previous Conflict</source>
        <translation>Vorheriger Konflikt</translation>
    </message>
    <message>
        <source>Next Conflict</source>
        <translation>Nächster Konflikt</translation>
    </message>
    <message>
        <source>Use Mine</source>
        <translation>Meine verwenden</translation>
    </message>
    <message>
        <source>Use Theirs</source>
        <translation>Server verwenden</translation>
    </message>
    <message>
        <source>Both, Mine First</source>
        <translation>Beide, meine zuerst</translation>
    </message>
    <message>
        <source>Both, Theirs First</source>
        <translation>Beide, Server zuerst</translation>
    </message>
    <message>
        <source>Use Base</source>
        <translation>Basis verwenden</translation>
    </message>
    <message>
        <source>Undo Choice</source>
        <translation>Auswahl rückgängig</translation>
    </message>
    <message>
        <source>Redo Choice</source>
        <translation>Auswahl wiederholen</translation>
    </message>
    <message>
        <source>Show Base</source>
        <translation>Basis anzeigen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Conflict %1 of %2</source>
        <translation>Konflikt %1 von %2</translation>
    </message>
    <message>
        <source>Merged change</source>
        <translation>Zusammengeführte Änderung</translation>
    </message>
    <message>
        <source>nothing left to resolve</source>
        <translation>nichts mehr offen</translation>
    </message>
    <message numerus="yes">
        <source>%n left</source>
        <translation>
            <numerusform>noch %n offen</numerusform>
            <numerusform>noch %n offen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::MergePanes</name>
    <message>
        <source>Base (before both changes)</source>
        <translation>Basis (vor beiden Änderungen)</translation>
    </message>
    <message>
        <source>Mine (your version)</source>
        <translation>Meine (Ihre Version)</translation>
    </message>
    <message>
        <source>&amp;Result (editable)</source>
        <translation>&amp;Ergebnis (bearbeitbar)</translation>
    </message>
    <message>
        <source>Theirs (server version)</source>
        <translation>Server (Version auf dem Server)</translation>
    </message>
    <message>
        <source>Base version</source>
        <translation>Basisversion</translation>
    </message>
    <message>
        <source>Your version</source>
        <translation>Ihre Version</translation>
    </message>
    <message>
        <source>Merge result</source>
        <translation>Ergebnis der Zusammenführung</translation>
    </message>
    <message>
        <source>Server version</source>
        <translation>Server-Version</translation>
    </message>
    <message>
        <source>Mine (deleted here)</source>
        <translation>Meine (hier gelöscht)</translation>
    </message>
    <message>
        <source>Theirs (deleted on the server)</source>
        <translation>Server (auf dem Server gelöscht)</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::MergeWindow</name>
    <message>
        <source>Resolve Conflict</source>
        <translation>Konflikt lösen</translation>
    </message>
    <message>
        <source>Keep &amp;Mine</source>
        <translation>&amp;Meine behalten</translation>
    </message>
    <message>
        <source>Your version wins every open conflict; their other changes are kept. Save stores it.</source>
        <translation>Ihre Version gewinnt jeden offenen Konflikt; die übrigen Änderungen vom Server bleiben erhalten. „Speichern“ speichert das Ergebnis.</translation>
    </message>
    <message>
        <source>Take &amp;Theirs</source>
        <translation>Server-Version &amp;übernehmen</translation>
    </message>
    <message>
        <source>The server&apos;s version wins every open conflict. Save stores it.</source>
        <translation>Die Server-Version gewinnt jeden offenen Konflikt. „Speichern“ speichert das Ergebnis.</translation>
    </message>
    <message>
        <source>Keep &amp;Both</source>
        <translation>&amp;Beide behalten</translation>
    </message>
    <message>
        <source>Save your version as a new post now and take the server&apos;s version for this one</source>
        <translation>Ihre Version jetzt als neuen Beitrag speichern und für diesen die Server-Version übernehmen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Close without changing anything; the post stays in conflict</source>
        <translation>Schließen, ohne etwas zu ändern; der Beitrag bleibt im Konflikt</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Ohne Titel</translation>
    </message>
    <message>
        <source>Resolve Conflict – %1</source>
        <translation>Konflikt lösen – %1</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>jemandem</translation>
    </message>
    <message>
        <source>an unknown time</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <source>“%1” was deleted on the server by %2 on %3 (revision %4) while you changed it here. Choose what to keep.</source>
        <translation>„%1“ wurde auf dem Server von %2 am %3 gelöscht (Revision %4), während Sie ihn hier geändert haben. Wählen Sie, was bleiben soll.</translation>
    </message>
    <message>
        <source>“%1” was changed on the server by %2 on %3 (revision %4) after you deleted it here. Choose what to keep.</source>
        <translation>„%1“ wurde auf dem Server von %2 am %3 geändert (Revision %4), nachdem Sie den Beitrag hier gelöscht haben. Wählen Sie, was bleiben soll.</translation>
    </message>
    <message>
        <source>“%1” was changed on the server by %2 on %3 (revision %4) while you changed it here. Choose what to keep.</source>
        <translation>„%1“ wurde auf dem Server von %2 am %3 geändert (Revision %4), während Sie ihn hier geändert haben. Wählen Sie, was bleiben soll.</translation>
    </message>
    <message>
        <source>Store the result; it syncs on the next run</source>
        <translation>Ergebnis speichern; es wird beim nächsten Abgleich synchronisiert</translation>
    </message>
    <message numerus="yes">
        <source>Resolve the %n open conflict(s) first</source>
        <translation>
            <numerusform>Lösen Sie zuerst den offenen Konflikt</numerusform>
            <numerusform>Lösen Sie zuerst die %n offenen Konflikte</numerusform>
        </translation>
    </message>
    <message>
        <source>This conflict was resolved elsewhere; there is nothing left to save. Close the window to see the post.</source>
        <translation>Dieser Konflikt wurde an anderer Stelle gelöst; es gibt nichts mehr zu speichern. Schließen Sie das Fenster, um den Beitrag zu sehen.</translation>
    </message>
    <message>
        <source>The server&apos;s version changed while you were resolving; the merge was redone.</source>
        <translation>Die Version auf dem Server hat sich geändert, während Sie den Konflikt gelöst haben; die Zusammenführung wurde neu berechnet.</translation>
    </message>
    <message>
        <source>Your version of the post changed while you were resolving; the merge was redone.</source>
        <translation>Ihre Version des Beitrags hat sich geändert, während Sie den Konflikt gelöst haben; die Zusammenführung wurde neu berechnet.</translation>
    </message>
    <message numerus="yes">
        <source>%n of your choices no longer apply; please check the result.</source>
        <translation>
            <numerusform>%n Ihrer Entscheidungen gilt nicht mehr; bitte prüfen Sie das Ergebnis.</numerusform>
            <numerusform>%n Ihrer Entscheidungen gelten nicht mehr; bitte prüfen Sie das Ergebnis.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your choices were kept.</source>
        <translation>Ihre Entscheidungen wurden übernommen.</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Meldung schließen</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::PostDelegate</name>
    <message>
        <source>Synced</source>
        <translation>Abgeglichen</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Conflicted</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Deleted here, changed on the server</source>
        <translation>Hier gelöscht, auf dem Server geändert</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::PostEditor</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Post title</source>
        <translation>Beitragstitel</translation>
    </message>
    <message>
        <source>Tags, separated by commas</source>
        <translation>Schlagwörter, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Publication state</source>
        <translation>Veröffentlichungsstatus</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>This post was deleted.</source>
        <translation>Dieser Beitrag wurde gelöscht.</translation>
    </message>
    <message>
        <source>This post was changed on the server in a way that conflicts with your edits.</source>
        <translation>Dieser Beitrag wurde auf dem Server so geändert, dass es mit Ihren Änderungen kollidiert.</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>Lösen …</translation>
    </message>
    <message>
        <source>This post could not be synced: %1</source>
        <translation>Dieser Beitrag konnte nicht abgeglichen werden: %1</translation>
    </message>
    <message>
        <source>Insert Image</source>
        <translation>Bild einfügen</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Bilder (%1)</translation>
    </message>
    <message>
        <source>This post changed elsewhere while you were typing, and the changes overlap. Nothing is lost: your version is kept until you resolve them.</source>
        <translation>Dieser Beitrag wurde anderswo geändert, während Sie geschrieben haben, und die Änderungen überschneiden sich. Nichts geht verloren: Ihre Fassung bleibt erhalten, bis Sie die Überschneidungen auflösen.</translation>
    </message>
    <message>
        <source>Undo stops here: this text includes a change made elsewhere.</source>
        <translation>Rückgängig hält hier an: Dieser Text enthält eine Änderung, die anderswo gemacht wurde.</translation>
    </message>
    <message>
        <source>Undo stops here: this text includes a change from %1.</source>
        <translation>Rückgängig hält hier an: Dieser Text enthält eine Änderung von %1.</translation>
    </message>
    <message>
        <source>Undo Their Change</source>
        <translation>Deren Änderung rückgängig machen</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::PostListModel</name>
    <message>
        <source>Untitled</source>
        <translation>Ohne Titel</translation>
    </message>
    <message>
        <source>Untitled post</source>
        <translation>Beitrag ohne Titel</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::PostListPane</name>
    <message>
        <source>Search posts</source>
        <translation>Beiträge durchsuchen</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Entwürfe</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Conflicted</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>Show %1 posts</source>
        <translation>%1 Beiträge anzeigen</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>Beiträge</translation>
    </message>
    <message numerus="yes">
        <source>Search is catching up on %Ln post(s); some may be missing from the results.</source>
        <translation>
            <numerusform>Die Suche erfasst noch %Ln Beitrag; er kann in den Ergebnissen fehlen.</numerusform>
            <numerusform>Die Suche erfasst noch %Ln Beiträge; einige können in den Ergebnissen fehlen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>inkwell::ui::PresenceText</name>
    <message>
        <source>%1 is editing</source>
        <translation>%1 bearbeitet gerade</translation>
    </message>
    <message>
        <source>%1 and %2 are editing</source>
        <translation>%1 und %2 bearbeiten gerade</translation>
    </message>
    <message>
        <source>%1, %2 and one other are editing</source>
        <translation>%1, %2 und eine weitere Person bearbeiten gerade</translation>
    </message>
    <message>
        <source>%1, %2 and %3 others are editing</source>
        <translation>%1, %2 und %3 weitere Personen bearbeiten gerade</translation>
    </message>
    <message>
        <source>Editing now: %1</source>
        <translation>Gerade dabei: %1</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::PreviewBrowser</name>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Image not downloaded yet</source>
        <translation>Bild noch nicht heruntergeladen</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::SettingsDialog</name>
    <message>
        <source>Sync &amp;automatically</source>
        <translation>&amp;Automatisch abgleichen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>%1 as %2</source>
        <translation>%1 als %2</translation>
    </message>
    <message>
        <source>None (offline only). Use Sign In to connect to a server.</source>
        <translation>Keiner (nur offline). Mit „Anmelden“ verbinden Sie sich mit einem Server.</translation>
    </message>
    <message>
        <source>Sync when the server becomes reachable, a few seconds after you stop typing, and periodically.</source>
        <translation>Abgleichen, sobald der Server erreichbar ist, einige Sekunden nach dem Schreiben und regelmäßig.</translation>
    </message>
    <message>
        <source>Sync period in minutes</source>
        <translation>Abgleichintervall in Minuten</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Sync &amp;every:</source>
        <translation>Abgleichen &amp;alle:</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::SyncLogWindow</name>
    <message>
        <source>Sync Log</source>
        <translation>Abgleichsprotokoll</translation>
    </message>
    <message>
        <source>Sync log</source>
        <translation>Abgleichsprotokoll</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Abgleich fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Post %1 was not accepted: %2</source>
        <translation>Beitrag %1 wurde nicht angenommen: %2</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::SyncStatusWidget</name>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>vor %1 min</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Abgleichsfortschritt</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Abgleich läuft …</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Abgleich fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>To sync: %1</source>
        <translation>Abzugleichen: %1</translation>
    </message>
    <message>
        <source>Conflicts: %1</source>
        <translation>Konflikte: %1</translation>
    </message>
    <message>
        <source>Offline only</source>
        <translation>Nur offline</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>Zuletzt abgeglichen %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Noch nicht abgeglichen</translation>
    </message>
    <message>
        <source>(post without a valid id)</source>
        <translation>(Beitrag ohne gültige Kennung)</translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable post(s) from the server skipped</source>
        <translation>
            <numerusform>%n unlesbarer Beitrag vom Server übersprungen</numerusform>
            <numerusform>%n unlesbare Beiträge vom Server übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Ask their authors to save these posts again.</source>
        <translation>Bitten Sie die Autoren, diese Beiträge erneut zu speichern.</translation>
    </message>
</context>
<context>
    <name>inkwell::ui::ViewOnBlog</name>
    <message>
        <source>The blog shows an older version until you sync</source>
        <translation>Der Blog zeigt eine ältere Fassung, bis Sie synchronisieren</translation>
    </message>
    <message>
        <source>Could not open the browser at %1</source>
        <translation>Der Browser konnte %1 nicht öffnen</translation>
    </message>
</context>
</TS>
