// Written by scripts/pack-locales.mjs (npm run localize:build): do not edit.
// The pt-BR texts of the kit's messages, one a line, in the order of ./ids.js; {0}, {1}… are
// the message's values (src/localization.ts makes them lit-localize's str templates again).

export default String.raw`Você não poderá mais entrar com ela.
Substituir seus códigos de recuperação? Os {0} códigos não usados vão parar de funcionar.
Conta: {0}
O nome de usuário e o código de recuperação não correspondem.
A cópia foi bloqueada. Copie manualmente os códigos selecionados.
Excluir {0}
Nome de usuário
Último uso em {0}
Login feito.
Ainda não há códigos de recuperação. Com eles, você consegue entrar se perder suas chaves de acesso.
Não foi possível conectar ao servidor. Verifique sua conexão e tente de novo.
Chaves de acesso não são permitidas neste endereço.
Entrar com uma chave de acesso
Confirme que é você com sua chave de acesso.
Novo nome
Criada em {0}
Muitas tentativas. Aguarde um pouco e tente de novo.
Aguardando sua chave de acesso…
Chave de acesso renomeada.
Código do e-mail
Nova chave de acesso criada.
Agora não
Cancelar
Para usar um, inicie a recuperação da conta em {0}.
O servidor teve um problema. Tente de novo mais tarde.
Salvar
Chave de acesso adicionada.
Copiar
Este dispositivo já tem uma chave de acesso para sua conta.
Esse código não está certo. Confira e tente de novo.
Enviar código
Códigos de recuperação criados.
Código aceito. Agora crie uma nova chave de acesso neste dispositivo.
Criar sua chave de acesso
Não foi possível verificar a chave de acesso. Tente de novo.
Todos os seus códigos de recuperação já foram usados.
Chave de acesso criada.
Criar códigos de recuperação
Esta chave de acesso não foi reconhecida. Talvez ela tenha sido removida.
Confirmado. Você pode continuar.
Sua conta está pronta.
Faça login primeiro.
Adicionar uma chave de acesso
Você entrou.
Nome de exibição (opcional)
Usar outro e-mail
Renomear
Somente este dispositivo
Configure uma chave de acesso como sua segunda etapa de verificação.
Para criar códigos de recuperação, confirme que é você.
Cancelado. Tente de novo quando quiser.
Algo deu errado. Tente de novo.
Esta solicitação expirou. Tente de novo.
Um código foi usado em {0}.
Substituir códigos
Criar uma chave de acesso
Continuar
Esta é sua única chave de acesso. Antes, adicione outra chave de acesso ou crie códigos de recuperação.
Alguns dados não foram aceitos. Confira-os.
Adicione uma para entrar com seu rosto, sua impressão digital ou o bloqueio de tela.
Cadastrar-se com uma chave de acesso
Confirmar com uma chave de acesso
Esta é sua única chave de acesso. Depois disso, você só poderá entrar com seus códigos de recuperação.
Renomear {0}
Enviar um novo código
Chave de acesso excluída.
Este login expirou. Faça login de novo.
Continuar com uma chave de acesso
{0} de {1} códigos de recuperação não usados, criados em {2}.
E-mail confirmado. Agora crie sua chave de acesso.
Códigos de recuperação criados. Os códigos anteriores não funcionam mais.
Se você perder suas chaves de acesso, cada código permite entrar uma vez. Guarde-os em um lugar seguro.
Entre mais rápido da próxima vez: use uma chave de acesso em vez da sua senha.
Esta conta não tem mais chaves de acesso. Use um código de recuperação.
Para adicionar uma chave de acesso, confirme que é você.
Sincronizada
Você ainda não tem chaves de acesso.
Confirme que é você com sua chave de acesso e tente de novo.
Confirmar
Este dispositivo não pode criar nem usar uma chave de acesso aqui.
Para sair dos seus outros dispositivos, confirme que é você.
Códigos de recuperação para {0}
Excluir {0}?
Este navegador não é compatível com chaves de acesso.
Da próxima vez, entre com sua chave de acesso.
Enviamos um código para {0}.
Nome da chave de acesso (opcional)
E-mail
Esse nome de usuário já está em uso.
Código de recuperação
Baixar
Você ainda não tem uma chave de acesso. Adicione uma primeiro.
Sessão encerrada em todos os outros dispositivos.
Manter
Excluir
Suas chaves de acesso
Sair dos outros dispositivos
Chave de acesso
Guarde estes códigos de recuperação em um lugar seguro. Cada um funciona uma vez, e eles só aparecem agora.
Essa chave de acesso não existe mais.
Criar uma nova chave de acesso
Copiados
Para excluir {0}, confirme que é você.
Nunca usada
Esse código não funciona mais. Peça um novo.`;
