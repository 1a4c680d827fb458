// Written by scripts/pack-locales.mjs (npm run localize:build): do not edit.
// The it texts of the kit's messages, one a line, in the order of ./ids.js; {0}, {1}… are
// the message's values (src/localization.ts makes them lit-localize's str templates again).

export default String.raw`Non potrai più usarla per accedere.
Sostituire i codici di recupero? I codici non usati ({0}) smetteranno di funzionare.
Account: {0}
Il nome utente e il codice di recupero non corrispondono.
La copia è stata bloccata. Copia manualmente i codici selezionati.
Elimina {0}
Nome utente
Ultimo utilizzo: {0}
Accesso eseguito.
Ancora nessun codice di recupero. Ti permettono di accedere se perdi le tue passkey.
Impossibile raggiungere il server. Controlla la connessione e riprova.
Le passkey non sono consentite su questo indirizzo.
Accedi con una passkey
Conferma la tua identità con la passkey.
Nuovo nome
Creata il {0}
Troppi tentativi. Attendi un momento e riprova.
In attesa della tua passkey…
Passkey rinominata.
Codice ricevuto via email
Nuova passkey creata.
Non ora
Annulla
Per usarne uno, avvia il recupero dell'account su {0}.
Il server ha avuto un problema. Riprova più tardi.
Salva
Passkey aggiunta.
Copia
Questo dispositivo ha già una passkey per il tuo account.
Il codice non è corretto. Controllalo e riprova.
Invia codice
Codici di recupero creati.
Codice accettato. Ora crea una nuova passkey su questo dispositivo.
Crea la tua passkey
Impossibile verificare la passkey. Riprova.
Hai usato tutti i codici di recupero.
Passkey creata.
Crea codici di recupero
Questa passkey non è riconosciuta. Potrebbe essere stata rimossa.
Identità confermata. Puoi continuare.
Il tuo account è pronto.
Accedi prima di continuare.
Aggiungi una passkey
Hai eseguito l'accesso.
Nome visualizzato (facoltativo)
Usa un'altra email
Rinomina
Solo questo dispositivo
Configura una passkey come secondo passaggio di verifica.
Per creare codici di recupero, conferma la tua identità.
Annullato. Riprova quando vuoi.
Si è verificato un problema. Riprova.
Questa richiesta è scaduta. Riprova.
Un codice è stato usato il {0}.
Sostituisci i codici
Crea una passkey
Continua
È la tua unica passkey. Prima aggiungi un'altra passkey o crea dei codici di recupero.
Alcuni dati non sono stati accettati. Controllali.
Aggiungine una per accedere con il volto, l'impronta digitale o il blocco schermo.
Registrati con una passkey
Conferma con una passkey
È la tua unica passkey. Dopo, potrai accedere solo con i codici di recupero.
Rinomina {0}
Invia un nuovo codice
Passkey eliminata.
Questo accesso è scaduto. Accedi di nuovo.
Continua con una passkey
{0} codici di recupero su {1} non ancora usati, creati il {2}.
Email confermata. Ora crea la tua passkey.
Codici di recupero creati. I codici precedenti non funzionano più.
Se perdi le tue passkey, ogni codice ti permette di accedere una volta. Conservali al sicuro.
Accedi più velocemente la prossima volta: usa una passkey al posto della password.
Questo account non ha più passkey. Usa un codice di recupero.
Per aggiungere una passkey, conferma la tua identità.
Sincronizzata
Non hai ancora passkey.
Conferma la tua identità con la passkey, poi riprova.
Conferma
Questo dispositivo non può creare o usare una passkey qui.
Per disconnettere gli altri dispositivi, conferma la tua identità.
Codici di recupero per {0}
Eliminare {0}?
Questo browser non supporta le passkey.
La prossima volta, accedi con la tua passkey.
Abbiamo inviato un codice a {0}.
Nome della passkey (facoltativo)
Email
Questo nome utente è già in uso.
Codice di recupero
Scarica
Non hai ancora una passkey. Aggiungine prima una.
Disconnessione eseguita su tutti gli altri dispositivi.
Mantieni
Elimina
Le tue passkey
Disconnetti gli altri dispositivi
Passkey
Conserva questi codici di recupero in un posto sicuro. Ognuno vale una sola volta e vengono mostrati solo ora.
Quella passkey non esiste più.
Crea una nuova passkey
Copiati
Per eliminare {0}, conferma la tua identità.
Mai usata
Il codice non funziona più. Richiedine uno nuovo.`;
