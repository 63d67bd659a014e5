import type { Lexicon } from './lexicon.ts';

/** Spanish, normalised: no accents ("manana", "si", "adios"), lowercase. */

const G = '[^?.!,;]{0,24}';
const CITA = '(?:cita|turno|reserva|consulta|visita)';
const WHO =
  '(?:una persona|alguien|un humano|un ser humano|una persona real|la recepcionista|el recepcionista|un agente|un representante|el gerente|la gerente|el encargado|la encargada|el dentista|la dentista|el doctor|la doctora|un operador|una operadora)';

const DIAS = '(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)';

export const es: Lexicon = {
  phrases: {
    override: [
      `(?:ignora|ignore|olvida|olvide|salta)${G}(?:reglas|instrucciones|indicaciones|prompt|politica|sistema|anteriores)`,
      `prompt del sistema|ahora eres|ahora usted es|modo desarrollador|haz como si`,
      `(?:hazlo|hazmela|reservala|reservalo|dejamela|damela|ponla|cita|reserva) gratis`,
      `gratis para mi|sin (?:el |la |ningun |pagar el )?(?:deposito|anticipo|adelanto)`,
      `sin pagar`,
    ],
    trust: [
      `(?:eres|es usted|es esto|esto es|estoy hablando con)(?: un| una)?(?: persona)? (?:robot|maquina|computadora|ia|persona real|persona|humano|grabacion|estafa|real)`,
      `estafa|no (?:confio|me fio)|confiable|fraude`,
    ],
    waitlist: [
      `lista de espera|(?:en|a) (?:la|una|su) lista`,
      `(?:avisarme|aviseme|avisame|me avisa|me avisan|me avise|me avisen|escribame|llameme|mandeme|me manda|me escribe|me llama)${G}(?:si|cuando)${G}(?:libera|libre|cancela|hueco|sitio|disponible|abre)`,
    ],
    handoff: [
      `(?:hablar|habla|comunicarme|conversar) con${G}${WHO}`,
      `(?:pasame|paseme|pasarme|comuniqueme|transfiera|transfiereme|transferirme|comunicame) (?:con )?${WHO}`,
      `(?:pasame|paseme|comuniqueme|comunicame|transfiereme)|persona real|un humano`,
      `operador(?:a)?`,
    ],
    complaint: [`queja|quejarme|reclamo|reclamacion|molesto con|molesta con|pesimo servicio`],
    message: [
      `dejar (?:un |le un )?(?:mensaje|recado)|tomar (?:un )?(?:mensaje|recado)`,
      `(?:que me llamen|me devuelvan la llamada|llamenme|me llame de vuelta|me regresen la llamada)`,
      `buzon de voz`,
    ],
    cancelFlow: [
      `olvidalo|olvidelo|olvida(?:lo)? eso|dejalo|dejelo|no importa|cambie de opinion`,
      // "ya no" alone is "not any more": "ya no me duele" is not a change of mind.
      `ya no (?:quiero|importa|hace falta)|ya no(?=$| [,.!?;])`,
    ],
    returningNot: [`no es (?:mi|la) primera (?:vez|visita)`],
    returningNo: [
      `primera (?:vez|visita|cita)|paciente nuevo|paciente nueva|soy nuev[oa]`,
      `nunca he (?:ido|venido|estado)|nunca (?:fui|vine)`,
    ],
    returningYes: [
      `ya (?:he ido|he venido|he estado|fui|vine|estuve)|ya soy (?:paciente|cliente)`,
      `(?:paciente|cliente) (?:regular|habitual|de siempre)|he ido antes|he venido antes`,
    ],
    cancel: [`cancelar${G}${CITA}|cancelar (?:mi|la|el)|cancelar|anular|cancelacion de`],
    reschedule: [
      `(?:cambiar|mover|pasar|reprogramar|posponer|aplazar|adelantar|atrasar)${G}${CITA}`,
      `reprogramar|posponer|cambiar (?:la fecha|la hora|el dia|el horario)|moverme|cambiarme`,
      `no (?:puedo|podre|voy a poder) (?:ir|llegar|asistir) a (?:mi|la) ${CITA}`,
    ],
    lookup: [
      `(?:cuando|que dia|a que hora|que fecha)${G}(?:mi|la) ${CITA}`,
      `tengo (?:una |alguna )?${CITA}|(?:confirmar|verificar|revisar|consultar)${G}mi ${CITA}`,
      `mi ${CITA} es`,
    ],
    price: [
      `(?:muy|demasiado|bastante|un poco|que|tan|es|esta) car[oa]|demasiado dinero`,
      `no (?:puedo|podria) pagar(?:lo)?|no me alcanza|no tengo (?:el )?dinero|mas barat[oa]`,
      `un robo`,
    ],
    discount: [`descuentos?|ofertas?|promocion(?:es)?|rebaja|cupon(?:es)?|codigo promocional`],
    timing: [
      `no tengo tiempo|no se si tengo tiempo`,
      `(?:lo voy a|tengo que|dejame|dejeme|voy a) pensar(?:lo)?|lo pienso`,
      `(?:tal vez|quizas|quiza) (?:despues|luego|mas tarde)|ahora no|estoy (?:muy )?ocupad[oa]`,
      `revisar mi agenda|le (?:llamo|aviso) (?:despues|luego|mas tarde)`,
    ],
    emergencyWord: [`emergencia|urgencia|urgente|urgencias`],
    emergency: [
      `me duele(?: mucho| muchisimo| bastante)?|duele mucho|(?:mucho|un dolor|tengo|con) dolor`,
      `dolor (?:fuerte|terrible|insoportable)|sangra(?:ndo|r)?|sangrado|sangre`,
      `diente (?:roto|partido|quebrado|astillado)`,
      `se me (?:rompio|partio|cayo) (?:un|el) (?:diente|muela|empaste|corona)`,
      `muela (?:rota|partida)|hinchad[oa]|inflamad[oa]|absceso`,
    ],
    goodbye: [
      `adios|hasta (?:luego|pronto|manana|la proxima)|chao|chau|eso es todo|es todo|nada mas(?! (?:tarde|temprano))`,
      `que (?:tenga|tengas) (?:un )?buen dia|nos vemos`,
    ],
    greeting: [
      `hola|buen(?:os|as) (?:dias|tardes|noches)|muchas gracias|gracias`,
      `(?:como|que tal) (?:esta|estas|le va|te va)|que tal|mucho gusto`,
    ],
    correctionPrefix: [
      `en realidad|perdon quise decir|quise decir|espere|espera|mejor dicho|pensandolo bien`,
      `mejor|digo|quiero decir`,
      `(?:no )?perdon(?= (?:, )?(?:el|la|a|manana|${DIAS}|\\d[\\d:]*)(?![^ ]))`,
    ],
    correctionPostfix: [`mas bien|en vez|en lugar`],
    affirmBook: [`reservela|reservala|agendela|agendala|apartela`],
    book: [
      `(?:hacer|sacar|pedir|agendar|reservar|programar|tener|solicitar|quisiera|quiero|necesito|necesitaria)${G}${CITA}`,
      `una cita|agendar|reservar|ir a (?:verlos|verles|la clinica|consulta)`,
      `pasar (?:a verlos|por alla|por ahi)|ver al dentista|ver a la dentista`,
    ],
    bookWeak: [
      `disponibilidad|disponible|espacio|un hueco`,
      `(?:tienen|tiene|hay) (?:algo|algun espacio|espacio|lugar|citas|un hueco|disponible|disponibilidad)`,
      `algo (?:para|el|este|esta|la)`,
    ],
    affirm: [
      `(?:esta|me parece|todo) (?:bien|perfecto|genial|correcto)`,
      `me (?:sirve|viene bien|va bien|conviene)|de acuerdo|perfecto|claro que si|por supuesto`,
      `adelante|con gusto|exacto|eso es`,
    ],
    deny: [`no es (?:correcto|asi|eso)|no gracias|para nada|tampoco`],
    repeat: [
      `(?:puede|podria|puedes|podrias) repetir(?:lo)?|repita(?:lo)?|repitelo|repetir`,
      `no (?:le |te )?(?:entendi|escuche|oi)|otra vez|que dijo`,
    ],
  },
  affirmStart: [
    `si(?=$| [,.!?;]| (?:por favor|claro|gracias|si|perfecto|vale|correcto|exacto|eso|quiero|me|bueno|esta bien|de acuerdo))`,
    `claro|vale|bueno|okey|correcto|exacto|sale|dale|listo|orale`,
  ],
  denyStart: [`no|nop|para nada|no gracias`],
  repeatWhole: [`como|que|perdon|disculpe|mande|perdon que|como dice`],
  knowledge: [
    `horarios?|(?:a que hora|cuando) (?:abren|cierran|abre|cierra)`,
    `(?:abren|cierran|abre|cierra)|(?:estan|esta) abiertos?|abiertos?|precios?`,
    `cuanto (?:cuesta|cobran|sale|vale|es)|cuanto(?! antes)|cuesta|costo|tarifas?|seguros`,
    `(?:mi|el|su|con|aceptan|tienen|de) seguro|seguro (?:dental|medico)|aseguranza|cubre`,
    `estacionamiento|aparcamiento|parqueo|estacionar|direccion`,
    `donde (?:estan|queda|se encuentran|esta)|ubicad[oa]s?|deposito|anticipo|sin cita|frenos`,
    `brackets|ortodoncia|plan(?:es)? de pagos?|financiamiento|pagar con|tarjetas?|efectivo`,
    `aceptan|(?:hacen|ofrecen|atienden)|ninos|cuanto tiempo`,
  ],
  questionStart: [
    `que|cual|cuales|cuando|donde|como|cuanto|cuanta|por que|quien|tienen|hay|aceptan|ofrecen`,
    `puede decirme|me puede decir|hacen`,
  ],
  nameIntro: [`me llamo|mi nombre es|me dicen|mi apellido es`],
  nameIntroWeak: [`soy|habla|le habla|te habla`],
  starters: `yo puedo puede quiero quisiera necesito tengo que cual cuando donde como cuanto me mi
    hay tienen se`.split(/\s+/),
  markers: `el los las del al y con para por una es muy mi me en lo que lunes martes miercoles
    jueves viernes sabado domingo abren abierto abiertos`.split(/\s+/),
  strong: `si hola gracias quisiera quiero cita necesito tengo puedo puede llamo buenos buenas
    adios vale claro favor manana semana usted hablar estoy olvidalo perdon disculpe bueno
    tarde proximo proxima limpieza primero primera segundo segunda ultimo ultima
    blanqueamiento emergencia urgencia dolor duele`.split(/\s+/),
};
