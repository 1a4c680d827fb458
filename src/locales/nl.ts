// Written by scripts/pack-locales.mjs (npm run localize:build): do not edit.
// The nl texts of the kit's messages, one a line, in the order of ./ids.js; {0}, {1}… are
// the message's values (src/localization.ts makes them lit-localize's str templates again).

export default String.raw`Je kunt er dan niet meer mee inloggen.
Je herstelcodes vervangen? De {0} ongebruikte codes werken dan niet meer.
Account: {0}
Die gebruikersnaam en herstelcode horen niet bij elkaar.
Kopiëren is geblokkeerd. Kopieer de geselecteerde codes zelf.
{0} verwijderen
Gebruikersnaam
Laatst gebruikt op {0}
Ingelogd.
Nog geen herstelcodes. Hiermee kom je binnen als je je toegangssleutels kwijtraakt.
De server is niet bereikbaar. Controleer je verbinding en probeer het opnieuw.
Toegangssleutels zijn niet toegestaan op dit adres.
Inloggen met een toegangssleutel
Bevestig met je toegangssleutel dat jij het bent.
Nieuwe naam
Gemaakt op {0}
Te veel pogingen. Wacht even en probeer het opnieuw.
Wachten op je toegangssleutel…
Toegangssleutel hernoemd.
Code uit de e-mail
Nieuwe toegangssleutel gemaakt.
Niet nu
Annuleren
Om er een te gebruiken, start je accountherstel op {0}.
De server had een probleem. Probeer het later opnieuw.
Opslaan
Toegangssleutel toegevoegd.
Kopiëren
Dit apparaat heeft al een toegangssleutel voor je account.
Die code klopt niet. Controleer hem en probeer het opnieuw.
Code versturen
Herstelcodes gemaakt.
Code geaccepteerd. Maak nu een nieuwe toegangssleutel op dit apparaat.
Je toegangssleutel maken
De toegangssleutel kon niet worden geverifieerd. Probeer het opnieuw.
Al je herstelcodes zijn gebruikt.
Toegangssleutel gemaakt.
Herstelcodes maken
Deze toegangssleutel wordt niet herkend. Misschien is hij verwijderd.
Bevestigd. Je kunt verdergaan.
Je account is klaar.
Log eerst in.
Toegangssleutel toevoegen
Je bent ingelogd.
Weergavenaam (optioneel)
Ander e-mailadres gebruiken
Hernoemen
Alleen dit apparaat
Stel een toegangssleutel in als tweede inlogstap.
Bevestig dat jij het bent om herstelcodes te maken.
Geannuleerd. Probeer het opnieuw wanneer je klaar bent.
Er ging iets mis. Probeer het opnieuw.
Dit verzoek is verlopen. Probeer het opnieuw.
Op {0} is een code gebruikt.
Codes vervangen
Toegangssleutel maken
Doorgaan
Dit is je enige toegangssleutel. Voeg eerst een andere toegangssleutel toe of maak herstelcodes.
Sommige gegevens zijn niet geaccepteerd. Controleer ze.
Voeg er een toe om in te loggen met je gezicht, vingerafdruk of schermvergrendeling.
Registreren met een toegangssleutel
Bevestigen met een toegangssleutel
Dit is je enige toegangssleutel. Daarna kom je alleen nog binnen met je herstelcodes.
{0} hernoemen
Nieuwe code versturen
Toegangssleutel verwijderd.
Deze inlogpoging is verlopen. Log opnieuw in.
Doorgaan met een toegangssleutel
{0} van de {1} herstelcodes ongebruikt, gemaakt op {2}.
E-mailadres bevestigd. Maak nu je toegangssleutel.
Herstelcodes gemaakt. Eerdere codes werken niet meer.
Als je je toegangssleutels kwijtraakt, kom je met elke code één keer binnen. Bewaar ze op een veilige plek.
Volgende keer sneller inloggen: gebruik een toegangssleutel in plaats van je wachtwoord.
Dit account heeft geen toegangssleutel meer. Gebruik een herstelcode.
Bevestig dat jij het bent om een toegangssleutel toe te voegen.
Gesynchroniseerd
Je hebt nog geen toegangssleutels.
Bevestig met je toegangssleutel dat jij het bent en probeer het dan opnieuw.
Bevestigen
Dit apparaat kan hier geen toegangssleutel maken of gebruiken.
Bevestig dat jij het bent om je andere apparaten uit te loggen.
Herstelcodes voor {0}
{0} verwijderen?
Deze browser ondersteunt geen toegangssleutels.
Log de volgende keer in met je toegangssleutel.
We hebben een code gestuurd naar {0}.
Naam van toegangssleutel (optioneel)
E-mailadres
Die gebruikersnaam is al in gebruik.
Herstelcode
Downloaden
Je hebt nog geen toegangssleutel. Voeg er eerst een toe.
Uitgelogd op alle andere apparaten.
Behouden
Verwijderen
Je toegangssleutels
Andere apparaten uitloggen
Toegangssleutel
Bewaar deze herstelcodes op een veilige plek. Elke code werkt één keer en ze worden alleen nu getoond.
Die toegangssleutel bestaat niet meer.
Nieuwe toegangssleutel maken
Gekopieerd
Bevestig dat jij het bent om {0} te verwijderen.
Nooit gebruikt
Die code werkt niet meer. Vraag een nieuwe aan.`;
