// Written by scripts/pack-locales.mjs (npm run localize:build): do not edit.
// The es texts of the kit's messages, one a line, in the order of ./ids.js; {0}, {1}… are
// the message's values (src/localization.ts makes them lit-localize's str templates again).

export default String.raw`Ya no podrás iniciar sesión con ella.
¿Reemplazar tus códigos de recuperación? Los {0} códigos sin usar dejarán de funcionar.
Cuenta: {0}
El nombre de usuario y el código de recuperación no coinciden.
Se bloqueó la copia. Copia manualmente los códigos seleccionados.
Eliminar {0}
Nombre de usuario
Último uso: {0}
Sesión iniciada.
Todavía no hay códigos de recuperación. Te permiten entrar si pierdes tus llaves de acceso.
No se pudo conectar con el servidor. Comprueba tu conexión e inténtalo de nuevo.
Las llaves de acceso no están permitidas en esta dirección.
Iniciar sesión con una llave de acceso
Confirma que eres tú con tu llave de acceso.
Nuevo nombre
Creada el {0}
Demasiados intentos. Espera un momento e inténtalo de nuevo.
Esperando tu llave de acceso…
Llave de acceso renombrada.
Código del correo
Nueva llave de acceso creada.
Ahora no
Cancelar
Para usar uno, inicia la recuperación de la cuenta en {0}.
El servidor tuvo un problema. Inténtalo de nuevo más tarde.
Guardar
Llave de acceso añadida.
Copiar
Este dispositivo ya tiene una llave de acceso para tu cuenta.
Ese código no es correcto. Revísalo e inténtalo de nuevo.
Enviar código
Códigos de recuperación creados.
Código aceptado. Ahora crea una nueva llave de acceso en este dispositivo.
Crear tu llave de acceso
No se pudo verificar la llave de acceso. Inténtalo de nuevo.
Ya usaste todos tus códigos de recuperación.
Llave de acceso creada.
Crear códigos de recuperación
No se reconoce esta llave de acceso. Puede que se haya eliminado.
Confirmado. Puedes continuar.
Tu cuenta está lista.
Primero inicia sesión.
Añadir una llave de acceso
Has iniciado sesión.
Nombre visible (opcional)
Usar otro correo
Renombrar
Solo este dispositivo
Configura una llave de acceso como segundo paso de verificación.
Para crear códigos de recuperación, confirma que eres tú.
Cancelado. Vuelve a intentarlo cuando quieras.
Algo salió mal. Inténtalo de nuevo.
Esta solicitud caducó. Inténtalo de nuevo.
Se usó un código el {0}.
Reemplazar códigos
Crear una llave de acceso
Continuar
Es tu única llave de acceso. Primero añade otra llave de acceso o crea códigos de recuperación.
Algunos datos no se aceptaron. Revísalos.
Añade una para iniciar sesión con tu cara, tu huella digital o el bloqueo de pantalla.
Registrarse con una llave de acceso
Confirmar con una llave de acceso
Es tu única llave de acceso. Después, solo podrás entrar con tus códigos de recuperación.
Renombrar {0}
Enviar un código nuevo
Llave de acceso eliminada.
Este inicio de sesión caducó. Vuelve a iniciar sesión.
Continuar con una llave de acceso
{0} de {1} códigos de recuperación sin usar, creados el {2}.
Correo confirmado. Ahora crea tu llave de acceso.
Códigos de recuperación creados. Los códigos anteriores ya no funcionan.
Si pierdes tus llaves de acceso, cada código te permite entrar una vez. Guárdalos en un lugar seguro.
Inicia sesión más rápido la próxima vez: usa una llave de acceso en lugar de tu contraseña.
Esta cuenta ya no tiene llaves de acceso. Usa un código de recuperación.
Para añadir una llave de acceso, confirma que eres tú.
Sincronizada
Todavía no tienes llaves de acceso.
Confirma que eres tú con tu llave de acceso y vuelve a intentarlo.
Confirmar
Este dispositivo no puede crear ni usar una llave de acceso aquí.
Para cerrar sesión en tus otros dispositivos, confirma que eres tú.
Códigos de recuperación para {0}
¿Eliminar {0}?
Este navegador no admite llaves de acceso.
La próxima vez, inicia sesión con tu llave de acceso.
Enviamos un código a {0}.
Nombre de la llave de acceso (opcional)
Correo electrónico
Ese nombre de usuario ya está en uso.
Código de recuperación
Descargar
Todavía no tienes una llave de acceso. Añade una primero.
Sesión cerrada en todos los demás dispositivos.
Conservar
Eliminar
Tus llaves de acceso
Cerrar sesión en otros dispositivos
Llave de acceso
Guarda estos códigos de recuperación en un lugar seguro. Cada uno sirve una sola vez y solo se muestran ahora.
Esa llave de acceso ya no existe.
Crear una nueva llave de acceso
Copiados
Para eliminar {0}, confirma que eres tú.
Nunca usada
Ese código ya no funciona. Pide uno nuevo.`;
