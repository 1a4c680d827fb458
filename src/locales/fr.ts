// Written by scripts/pack-locales.mjs (npm run localize:build): do not edit.
// The fr texts of the kit's messages, one a line, in the order of ./ids.js; {0}, {1}… are
// the message's values (src/localization.ts makes them lit-localize's str templates again).

export default String.raw`Vous ne pourrez plus vous connecter avec.
Remplacer vos codes de récupération ? Les {0} codes inutilisés ne fonctionneront plus.
Compte : {0}
Ce nom d'utilisateur et ce code de récupération ne correspondent pas.
La copie a été bloquée. Copiez vous-même les codes sélectionnés.
Supprimer {0}
Nom d'utilisateur
Dernière utilisation le {0}
Connexion réussie.
Aucun code de récupération pour l'instant. Ils vous permettent de vous connecter si vous perdez vos clés d'accès.
Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.
Les clés d'accès ne sont pas autorisées à cette adresse.
Se connecter avec une clé d'accès
Confirmez votre identité avec votre clé d'accès.
Nouveau nom
Créée le {0}
Trop de tentatives. Patientez un peu, puis réessayez.
En attente de votre clé d'accès…
Clé d'accès renommée.
Code reçu par e-mail
Nouvelle clé d'accès créée.
Pas maintenant
Annuler
Pour en utiliser un, lancez la récupération du compte sur {0}.
Le serveur a rencontré un problème. Veuillez réessayer plus tard.
Enregistrer
Clé d'accès ajoutée.
Copier
Cet appareil a déjà une clé d'accès pour votre compte.
Ce code est incorrect. Vérifiez-le et réessayez.
Envoyer le code
Codes de récupération créés.
Code accepté. Créez maintenant une nouvelle clé d'accès sur cet appareil.
Créer votre clé d'accès
La clé d'accès n'a pas pu être vérifiée. Veuillez réessayer.
Tous vos codes de récupération ont été utilisés.
Clé d'accès créée.
Créer des codes de récupération
Cette clé d'accès n'est pas reconnue. Elle a peut-être été supprimée.
Identité confirmée. Vous pouvez continuer.
Votre compte est prêt.
Veuillez d'abord vous connecter.
Ajouter une clé d'accès
Connexion réussie.
Nom affiché (facultatif)
Utiliser une autre adresse e-mail
Renommer
Cet appareil uniquement
Configurez une clé d'accès pour la deuxième étape de connexion.
Pour créer des codes de récupération, confirmez votre identité.
Annulé. Réessayez quand vous le souhaitez.
Un problème est survenu. Veuillez réessayer.
Cette demande a expiré. Veuillez réessayer.
Un code a été utilisé le {0}.
Remplacer les codes
Créer une clé d'accès
Continuer
C'est votre seule clé d'accès. Ajoutez d'abord une autre clé d'accès ou créez des codes de récupération.
Certaines informations n'ont pas été acceptées. Veuillez les vérifier.
Ajoutez-en une pour vous connecter avec votre visage, votre empreinte digitale ou le verrouillage de l'écran.
S'inscrire avec une clé d'accès
Confirmer avec une clé d'accès
C'est votre seule clé d'accès. Ensuite, seuls vos codes de récupération vous permettront de vous connecter.
Renommer {0}
Envoyer un nouveau code
Clé d'accès supprimée.
Cette connexion a expiré. Veuillez vous reconnecter.
Continuer avec une clé d'accès
{0} codes de récupération inutilisés sur {1}, créés le {2}.
E-mail confirmé. Créez maintenant votre clé d'accès.
Codes de récupération créés. Les anciens codes ne fonctionnent plus.
Si vous perdez vos clés d'accès, chaque code vous permet de vous connecter une fois. Conservez-les en lieu sûr.
Connectez-vous plus vite la prochaine fois : utilisez une clé d'accès au lieu de votre mot de passe.
Ce compte n'a plus de clé d'accès. Utilisez un code de récupération.
Pour ajouter une clé d'accès, confirmez votre identité.
Synchronisée
Vous n'avez encore aucune clé d'accès.
Confirmez votre identité avec votre clé d'accès, puis réessayez.
Confirmer
Cet appareil ne peut pas créer ni utiliser de clé d'accès ici.
Pour déconnecter vos autres appareils, confirmez votre identité.
Codes de récupération pour {0}
Supprimer {0} ?
Les clés d'accès ne sont pas prises en charge par ce navigateur.
La prochaine fois, connectez-vous avec votre clé d'accès.
Nous avons envoyé un code à {0}.
Nom de la clé d'accès (facultatif)
E-mail
Ce nom d'utilisateur est déjà pris.
Code de récupération
Télécharger
Vous n'avez pas encore de clé d'accès. Ajoutez-en une d'abord.
Déconnexion effectuée sur tous vos autres appareils.
Conserver
Supprimer
Vos clés d'accès
Déconnecter les autres appareils
Clé d'accès
Conservez ces codes de récupération en lieu sûr. Chacun ne sert qu'une fois, et ils ne sont affichés que maintenant.
Cette clé d'accès n'existe plus.
Créer une nouvelle clé d'accès
Copiés
Pour supprimer {0}, confirmez votre identité.
Jamais utilisée
Ce code ne fonctionne plus. Demandez-en un nouveau.`;
