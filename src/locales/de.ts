// Written by scripts/pack-locales.mjs (npm run localize:build): do not edit.
// The de texts of the kit's messages, one a line, in the order of ./ids.js; {0}, {1}… are
// the message's values (src/localization.ts makes them lit-localize's str templates again).

export default String.raw`Sie können sich dann nicht mehr damit anmelden.
Wiederherstellungscodes ersetzen? Die {0} unbenutzten Codes funktionieren dann nicht mehr.
Konto: {0}
Benutzername und Wiederherstellungscode passen nicht zusammen.
Das Kopieren wurde blockiert. Kopieren Sie die markierten Codes selbst.
{0} löschen
Benutzername
Zuletzt verwendet am {0}
Angemeldet.
Noch keine Wiederherstellungscodes. Damit kommen Sie in Ihr Konto, wenn Sie Ihre Passkeys verlieren.
Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
Passkeys sind unter dieser Adresse nicht erlaubt.
Mit Passkey anmelden
Bestätigen Sie mit Ihrem Passkey, dass Sie es sind.
Neuer Name
Erstellt am {0}
Zu viele Versuche. Bitte warten Sie kurz und versuchen Sie es erneut.
Warten auf Ihren Passkey…
Passkey umbenannt.
Code aus der E-Mail
Neuer Passkey erstellt.
Nicht jetzt
Abbrechen
Um einen Code zu verwenden, starten Sie die Kontowiederherstellung auf {0}.
Beim Server ist ein Problem aufgetreten. Bitte versuchen Sie es später erneut.
Speichern
Passkey hinzugefügt.
Kopieren
Dieses Gerät hat bereits einen Passkey für Ihr Konto.
Dieser Code stimmt nicht. Prüfen Sie ihn und versuchen Sie es erneut.
Code senden
Wiederherstellungscodes erstellt.
Code akzeptiert. Erstellen Sie jetzt einen neuen Passkey auf diesem Gerät.
Ihren Passkey erstellen
Der Passkey konnte nicht bestätigt werden. Bitte versuchen Sie es erneut.
Alle Ihre Wiederherstellungscodes sind verbraucht.
Passkey erstellt.
Wiederherstellungscodes erstellen
Dieser Passkey ist nicht bekannt. Vielleicht wurde er entfernt.
Bestätigt. Sie können fortfahren.
Ihr Konto ist bereit.
Bitte melden Sie sich zuerst an.
Passkey hinzufügen
Sie sind angemeldet.
Anzeigename (optional)
Andere E-Mail verwenden
Umbenennen
Nur dieses Gerät
Richten Sie einen Passkey für den zweiten Anmeldeschritt ein.
Um Wiederherstellungscodes zu erstellen, bestätigen Sie, dass Sie es sind.
Abgebrochen. Versuchen Sie es erneut, wenn Sie bereit sind.
Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.
Diese Anfrage ist abgelaufen. Bitte versuchen Sie es erneut.
Zuletzt wurde am {0} ein Code verwendet.
Codes ersetzen
Passkey erstellen
Weiter
Das ist Ihr einziger Passkey. Fügen Sie zuerst einen weiteren Passkey hinzu oder erstellen Sie Wiederherstellungscodes.
Einige Angaben wurden nicht akzeptiert. Bitte prüfen Sie sie.
Fügen Sie einen hinzu, um sich mit Gesicht, Fingerabdruck oder Displaysperre anzumelden.
Mit Passkey registrieren
Mit Passkey bestätigen
Das ist Ihr einziger Passkey. Danach kommen Sie nur noch mit Ihren Wiederherstellungscodes in Ihr Konto.
{0} umbenennen
Neuen Code senden
Passkey gelöscht.
Diese Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.
Mit Passkey fortfahren
{0} von {1} Wiederherstellungscodes unbenutzt, erstellt am {2}.
E-Mail bestätigt. Erstellen Sie jetzt Ihren Passkey.
Wiederherstellungscodes erstellt. Frühere Codes gelten nicht mehr.
Wenn Sie Ihre Passkeys verlieren, kommen Sie mit jedem Code einmal wieder hinein. Bewahren Sie die Codes sicher auf.
Beim nächsten Mal schneller anmelden: mit einem Passkey statt Ihres Passworts.
Für dieses Konto gibt es keinen Passkey mehr. Verwenden Sie einen Wiederherstellungscode.
Um einen Passkey hinzuzufügen, bestätigen Sie, dass Sie es sind.
Synchronisiert
Sie haben noch keine Passkeys.
Bestätigen Sie mit Ihrem Passkey, dass Sie es sind, und versuchen Sie es dann erneut.
Bestätigen
Dieses Gerät kann hier keinen Passkey erstellen oder verwenden.
Um Ihre anderen Geräte abzumelden, bestätigen Sie, dass Sie es sind.
Wiederherstellungscodes für {0}
{0} löschen?
Passkeys werden in diesem Browser nicht unterstützt.
Melden Sie sich beim nächsten Mal mit Ihrem Passkey an.
Wir haben einen Code an {0} gesendet.
Name des Passkeys (optional)
E-Mail
Dieser Benutzername ist bereits vergeben.
Wiederherstellungscode
Herunterladen
Sie haben noch keinen Passkey. Fügen Sie zuerst einen hinzu.
Auf allen anderen Geräten abgemeldet.
Behalten
Löschen
Ihre Passkeys
Andere Geräte abmelden
Passkey
Bewahren Sie diese Wiederherstellungscodes sicher auf. Jeder gilt nur einmal, und sie werden nur jetzt angezeigt.
Diesen Passkey gibt es nicht mehr.
Neuen Passkey erstellen
Kopiert
Um {0} zu löschen, bestätigen Sie, dass Sie es sind.
Nie verwendet
Dieser Code gilt nicht mehr. Fordern Sie einen neuen an.`;
