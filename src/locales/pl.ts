// Written by scripts/pack-locales.mjs (npm run localize:build): do not edit.
// The pl texts of the kit's messages, one a line, in the order of ./ids.js; {0}, {1}… are
// the message's values (src/localization.ts makes them lit-localize's str templates again).

export default String.raw`Nie będzie już można się nim logować.
Zastąpić kody odzyskiwania? Nieużyte kody ({0}) przestaną działać.
Konto: {0}
Nazwa użytkownika i kod odzyskiwania nie pasują do siebie.
Kopiowanie zostało zablokowane. Skopiuj zaznaczone kody samodzielnie.
Usuń {0}
Nazwa użytkownika
Ostatnio użyty {0}
Zalogowano.
Nie masz jeszcze kodów odzyskiwania. Pozwolą Ci się zalogować, jeśli stracisz klucze dostępu.
Nie można połączyć się z serwerem. Sprawdź połączenie i spróbuj ponownie.
Klucze dostępu nie są dozwolone pod tym adresem.
Zaloguj się kluczem dostępu
Potwierdź swoją tożsamość kluczem dostępu.
Nowa nazwa
Utworzono {0}
Zbyt wiele prób. Odczekaj chwilę i spróbuj ponownie.
Czekam na Twój klucz dostępu…
Zmieniono nazwę klucza dostępu.
Kod z e-maila
Utworzono nowy klucz dostępu.
Nie teraz
Anuluj
Aby użyć kodu, rozpocznij odzyskiwanie konta na {0}.
Wystąpił problem z serwerem. Spróbuj ponownie później.
Zapisz
Dodano klucz dostępu.
Kopiuj
To urządzenie ma już klucz dostępu do Twojego konta.
Ten kod jest nieprawidłowy. Sprawdź go i spróbuj ponownie.
Wyślij kod
Utworzono kody odzyskiwania.
Kod zaakceptowany. Teraz utwórz nowy klucz dostępu na tym urządzeniu.
Utwórz swój klucz dostępu
Nie udało się zweryfikować klucza dostępu. Spróbuj ponownie.
Wszystkie Twoje kody odzyskiwania zostały wykorzystane.
Utworzono klucz dostępu.
Utwórz kody odzyskiwania
Ten klucz dostępu nie jest rozpoznawany. Mógł zostać usunięty.
Potwierdzono. Możesz kontynuować.
Twoje konto jest gotowe.
Najpierw się zaloguj.
Dodaj klucz dostępu
Zalogowano.
Nazwa wyświetlana (opcjonalnie)
Użyj innego adresu e-mail
Zmień nazwę
Tylko to urządzenie
Skonfiguruj klucz dostępu jako drugi krok logowania.
Aby utworzyć kody odzyskiwania, potwierdź swoją tożsamość.
Anulowano. Spróbuj ponownie, kiedy zechcesz.
Coś poszło nie tak. Spróbuj ponownie.
To żądanie wygasło. Spróbuj ponownie.
Ostatnie użycie kodu: {0}.
Zastąp kody
Utwórz klucz dostępu
Dalej
To Twój jedyny klucz dostępu. Najpierw dodaj inny klucz dostępu lub utwórz kody odzyskiwania.
Niektóre dane nie zostały zaakceptowane. Sprawdź je.
Dodaj klucz, aby logować się twarzą, odciskiem palca lub blokadą ekranu.
Zarejestruj się kluczem dostępu
Potwierdź kluczem dostępu
To Twój jedyny klucz dostępu. Potem zalogujesz się już tylko kodami odzyskiwania.
Zmień nazwę {0}
Wyślij nowy kod
Usunięto klucz dostępu.
To logowanie wygasło. Zaloguj się ponownie.
Kontynuuj z kluczem dostępu
Nieużyte kody odzyskiwania: {0} z {1}, utworzone {2}.
Adres e-mail potwierdzony. Teraz utwórz swój klucz dostępu.
Utworzono kody odzyskiwania. Wcześniejsze kody już nie działają.
Jeśli stracisz klucze dostępu, każdy kod pozwoli Ci raz się zalogować. Przechowuj je w bezpiecznym miejscu.
Następnym razem zaloguj się szybciej: użyj klucza dostępu zamiast hasła.
To konto nie ma już żadnego klucza dostępu. Użyj kodu odzyskiwania.
Aby dodać klucz dostępu, potwierdź swoją tożsamość.
Synchronizowany
Nie masz jeszcze kluczy dostępu.
Potwierdź swoją tożsamość kluczem dostępu, a potem spróbuj ponownie.
Potwierdź
To urządzenie nie może tu utworzyć ani użyć klucza dostępu.
Aby wylogować się na innych urządzeniach, potwierdź swoją tożsamość.
Kody odzyskiwania dla {0}
Usunąć {0}?
Ta przeglądarka nie obsługuje kluczy dostępu.
Następnym razem zaloguj się kluczem dostępu.
Wysłaliśmy kod na adres {0}.
Nazwa klucza dostępu (opcjonalnie)
E-mail
Ta nazwa użytkownika jest już zajęta.
Kod odzyskiwania
Pobierz
Nie masz jeszcze klucza dostępu. Najpierw go dodaj.
Wylogowano na wszystkich innych urządzeniach.
Zachowaj
Usuń
Twoje klucze dostępu
Wyloguj inne urządzenia
Klucz dostępu
Zapisz te kody odzyskiwania w bezpiecznym miejscu. Każdy działa raz, a są wyświetlane tylko teraz.
Ten klucz dostępu już nie istnieje.
Utwórz nowy klucz dostępu
Skopiowano
Aby usunąć {0}, potwierdź swoją tożsamość.
Nigdy nieużywany
Ten kod już nie działa. Wyślij nowy.`;
