"""legacy_chart.csv (Populus, 4-digit) and target_chart.csv (Raindance, 6-digit).

The legacy spec also carries each account's target account and the figures the trial
balance is made from (see ledger.py)."""

from __future__ import annotations

from .common import Build, Seen, need, read_csv, write_csv

CHART_COLS = ["code", "name", "type", "parent", "active"]

# ---------------------------------------------------------------------------
# Legacy chart of accounts (Populus, 4-digit) incl. target + TB spec
# ---------------------------------------------------------------------------
# Group rows:    code | name | type          (2-digit, type inherited downwards)
#                code | name                 (3-digit)
# Account rows:  code | name | target | amount | cost centres | flags
#   target  : 6-digit target account ("-" = handled by a special rule below)
#   amount  : balance sheet -> signed balance (debit +)
#             P&L           -> annual amount, sign applied by type
#                              (kulu = debit, tuotto = credit); a negative value
#                              turns the sign around (corrections / refunds)
#   cost centres: "" for balance sheet; for P&L a pool spec "POOL:n" or a list
#   flags   : x = inactive; t:<type> overrides the type
LEGACY_SPEC = r"""
10 | Aineettomat hyödykkeet | vastaavaa
100 | Aineettomat oikeudet
1000 | Aineettomat oikeudet | 100000 | 412000
1005 | Atk-ohjelmistot ja lisenssit | - | 1835000
101 | Muut pitkävaikutteiset menot
1010 | Muut pitkävaikutteiset menot | 101000 | 2650000
1015 | Vuokrahuoneistojen perusparannusmenot | 101100 | 940000
102 | Ennakkomaksut
1020 | Aineettomien hyödykkeiden ennakkomaksut | 102000 | 315000
11 | Aineelliset hyödykkeet | vastaavaa
110 | Maa- ja vesialueet
1100 | Maa- ja vesialueet | 110000 | 18400000
1101 | Rakennetut tontit | 110100 | 9200000
1102 | Rakentamattomat maa-alueet | 110200 | 6100000
1103 | Metsämaa | 110300 | 2300000
111 | Rakennukset
1110 | Hallinto- ja laitosrakennukset | 111000 | 21000000
1111 | Koulurakennukset | 111100 | 96000000
1112 | Päiväkotirakennukset | 111200 | 31000000
1113 | Asuinrakennukset | 111300 | 14500000
1114 | Liikuntarakennukset | 111400 | 17800000
1115 | Kulttuurirakennukset | 111500 | 9600000
1116 | Sosiaali- ja terveystoimen rakennukset | | | | x
112 | Kiinteät rakenteet ja laitteet
1120 | Kadut ja tiet | 112000 | 52000000
1121 | Sillat | 112100 | 6400000
1122 | Puistot ja liikunta-alueet | 112200 | 8900000
1123 | Vesihuoltoverkosto | 112400 | 44000000
1124 | Katuvalaistus | 112500 | 5200000
113 | Koneet ja kalusto
1130 | Kuljetusvälineet | 113000 | 1150000
1131 | Työkoneet | 113100 | 2100000
1132 | ICT-laitteet | 113200 | 1480000
1133 | Muut koneet ja kalusto | 113300 | 3900000
114 | Muut aineelliset hyödykkeet
1140 | Taide-esineet | 114000 | 640000
1141 | Muut aineelliset hyödykkeet | 114100 | 120000
115 | Ennakkomaksut ja keskeneräiset hankinnat
1150 | Keskeneräiset talonrakennushankkeet | - | 14200000
1151 | Keskeneräiset maa- ja vesirakennushankkeet | - | 5600000
1152 | Aineellisten hyödykkeiden ennakkomaksut | 115200 | 380000
12 | Sijoitukset | vastaavaa
120 | Osakkeet ja osuudet
1200 | Tytäryhteisöjen osakkeet ja osuudet | 120000 | 38500000
1201 | Kuntayhtymäosuudet | 120100 | 24800000
1202 | Muut osakkeet ja osuudet | 120300 | 6900000
121 | Muut lainasaamiset ja saamiset
1210 | Lainasaamiset tytäryhteisöiltä | 121000 | 12500000
1211 | Muut lainasaamiset | 121100 | 850000
1212 | Muut saamiset (sijoitukset) | 121200 | 160000
13 | Toimeksiantojen varat | vastaavaa
130 | Toimeksiantojen varat
1300 | Valtion toimeksiantojen varat | 130000 | 210000
1301 | Lahjoitusrahastojen erityiskatteet | 130100 | 1680000
14 | Vaihto-omaisuus | vastaavaa
140 | Vaihto-omaisuus
1400 | Aineet ja tarvikkeet | 140000 | 420000
1401 | Keskeneräiset tuotteet (tonttituotanto) | 140100 | 2300000
15 | Saamiset | vastaavaa
150 | Pitkäaikaiset saamiset
1500 | Pitkäaikaiset lainasaamiset | 150000 | 540000
1501 | Muut pitkäaikaiset saamiset | 150100 | 210000
151 | Lyhytaikaiset saamiset
1510 | Myyntisaamiset | - | 6200000
1511 | Myyntisaamiset, vuokrat | - | 1840000
1512 | Myyntisaamiset, hyvinvointialue | 160100 | 1320000
1513 | Saamiset tytäryhteisöiltä | 160200 | 680000
1514 | Arvonlisäverosaamiset | 161000 | 1150000
1515 | Kuntien arvonlisäveron palautussaamiset | 161100 | 3400000
1516 | Muut saamiset | 161200 | 460000
152 | Siirtosaamiset
1520 | Siirtosaamiset | 162000 | 2600000
1521 | Valtionosuussaamiset | 162100 | 1900000
1522 | Hankeavustussaamiset | 162200 | 740000
1529 | Siirtosaamiset, vanha jaksotus | | | | x
16 | Rahoitusarvopaperit | vastaavaa
160 | Rahoitusarvopaperit
1600 | Sijoitukset rahamarkkinainstrumentteihin | 170000 | 8000000
1601 | Joukkovelkakirjalainasaamiset | 170100 | 2500000
17 | Rahat ja pankkisaamiset | vastaavaa
170 | Rahat ja pankkisaamiset
1700 | Käteisvarat | 180000 | 18500
1701 | Pääkonto | - | 11800000
1702 | Tulotili | - | 2400000
1703 | Maksuliikennetili | - | 960000
1704 | Palkanmaksutili | 180200 | 120000
1709 | Lakkautettu pankkitili | | | | x
20 | Oma pääoma | oma pääoma
200 | Peruspääoma
2000 | Peruspääoma | 200000 | -170000000
201 | Arvonkorotusrahasto
2010 | Arvonkorotusrahasto | 201000 | -4200000
202 | Muut omat rahastot
2020 | Muut omat rahastot | 202000 | -3100000
2021 | Investointirahasto | 202100 | -5000000
203 | Edellisten tilikausien yli-/alijäämä
2030 | Edellisten tilikausien yli-/alijäämä | 203000 | PLUG
204 | Tilikauden yli-/alijäämä
2040 | Tilikauden yli-/alijäämä | 204000 | 0
21 | Poistoero ja vapaaehtoiset varaukset | vastattavaa
210 | Poistoero ja vapaaehtoiset varaukset
2100 | Poistoero | 210000 | -3800000
2101 | Investointivaraus | 210100 | -1200000
22 | Pakolliset varaukset | vastattavaa
220 | Pakolliset varaukset
2200 | Eläkevaraukset | 220000 | -1450000
2201 | Muut pakolliset varaukset | 220200 | -620000
23 | Toimeksiantojen pääomat | vastattavaa
230 | Toimeksiantojen pääomat
2300 | Valtion toimeksiannot | 230000 | -210000
2301 | Lahjoitusrahastojen pääomat | 230100 | -1680000
2302 | Muut toimeksiantojen pääomat | 230200 | -95000
24 | Pitkäaikainen vieras pääoma | vastattavaa
240 | Pitkäaikainen vieras pääoma
2400 | Joukkovelkakirjalainat | | | | x
2401 | Lainat rahoitus- ja vakuutuslaitoksilta | 240100 | -168000000
2402 | Lainat julkisyhteisöiltä | 240200 | -2300000
2403 | Saadut ennakot (pitkäaikaiset) | 240300 | -450000
2404 | Liittymismaksut ja muut velat | 240400 | -9800000
25 | Lyhytaikainen vieras pääoma | vastattavaa
250 | Lainat
2500 | Lainat rahoitus- ja vakuutuslaitoksilta (lyhytaikaiset) | 250000 | -21500000
2501 | Kuntatodistukset | 250100 | -15000000
251 | Ostovelat
2510 | Ostovelat | 251000 | -9400000
2511 | Ostovelat, tytäryhteisöt | 251100 | -1250000
2512 | Ostovelat, ulkomaiset | | | | x
252 | Muut velat
2520 | Ennakonpidätysvelka | 252000 | -2900000
2521 | Sosiaaliturvamaksuvelka | 252100 | -190000
2522 | Eläkevakuutusmaksuvelka | 252200 | -2150000
2523 | Työttömyysvakuutusmaksuvelka | 252300 | -140000
2524 | Ay-jäsenmaksuvelka | 252400 | -95000
2525 | Ulosmittausvelka | 252500 | -38000
2526 | Arvonlisäverovelka | 252600 | -1250000
2527 | Muut velat | 252700 | -720000
253 | Siirtovelat
2530 | Lomapalkkajaksotus | 253000 | -12800000
2531 | Lomapalkkojen sivukulujaksotus | 253100 | -2900000
2532 | Korkojaksotukset | 253200 | -640000
2533 | Muut siirtovelat | 253400 | -3100000
2534 | Palkkajaksotukset | 253300 | -1450000
254 | Saadut ennakot
2540 | Saadut ennakot | 254000 | -820000
30 | Myyntituotot | tuotto
300 | Myyntituotot
3000 | Myyntituotot valtiolta | 300000 | 1200000 | 1112,2130
3001 | Myyntituotot kunnilta | 300100 | 2900000 | 2120,2130,2300
3002 | Myyntituotot kuntayhtymiltä | 300200 | 450000 | 4400
3003 | Myyntituotot hyvinvointialueelta | 300300 | 6800000 | 4300,4310,4400,4410
3004 | Muut myyntituotot | 300900 | 1600000 | 1110,4111,5200
3005 | Koulutuspalvelujen myyntituotot | 300400 | 380000 | 2300,2310
3006 | Vesihuollon käyttö- ja perusmaksut | 300500 | 11800000 | 4500
3007 | Jätehuollon maksut | | | | x
3008 | Sosiaali- ja terveyspalvelujen myyntituotot | | | | x
31 | Maksutuotot | tuotto
310 | Maksutuotot
3100 | Varhaiskasvatuksen asiakasmaksut | 310000 | 3900000 | VAKA:5
3101 | Aamu- ja iltapäivätoiminnan maksut | 310100 | 520000 | 2140
3102 | Kansalaisopiston kurssimaksut | 310200 | 410000 | 2300
3103 | Liikuntapalvelujen maksut | 310300 | 980000 | 5200,5210
3104 | Kirjaston maksut | 310400 | 42000 | 5100
3105 | Rakennusvalvonnan maksut | 310500 | 860000 | 4120
3106 | Pysäköintimaksut | 310600 | 310000 | 4202
3107 | Terveyspalvelujen asiakasmaksut | | | | x
3108 | Sosiaalipalvelujen asiakasmaksut | | | | x
3109 | Musiikkiopiston lukukausimaksut | 310700 | 690000 | 2310
32 | Tuet ja avustukset | tuotto
320 | Tuet ja avustukset
3200 | Valtion korvaukset | 320000 | 2100000 | 1112,2100,2130
3201 | EU-tuet | 320100 | 640000 | 1112
3202 | Työllistämistuet | 320200 | 1150000 | 1112,4200,5300
3203 | Muut tuet ja avustukset | 320900 | 560000 | 2110,5110,5300
3204 | Avustukset hyvinvointialueelta | 320300 | 430000 | 1112,5300
33 | Muut toimintatuotot | tuotto
330 | Muut toimintatuotot
3300 | Vuokratuotot | 330000 | 9800000 | 4300,4310,4311
3301 | Maanvuokratuotot | 330100 | 2600000 | 4111
3302 | Asuntojen vuokratuotot | 330200 | 3900000 | 4320
3303 | Käyttöomaisuuden myyntivoitot | 330300 | 2300000 | 4111
3304 | Sisäiset vuokratuotot | | | | x
3305 | Muut toimintatuotot | 339000 | 410000 | 1120,4100,5200
34 | Valmistus omaan käyttöön | tuotto
340 | Valmistus omaan käyttöön
3400 | Valmistus omaan käyttöön | 340000 | 780000 | 4200,4500
40 | Henkilöstökulut | kulu
400 | Palkat ja palkkiot
4000 | Kuukausipalkat | 400000 | 41500000 | STAFF:14
4001 | Tuntipalkat | 400100 | 2800000 | 4400,4410,5210,2140,1103
4002 | Opettajien palkat | 400200 | 27600000 | 2110,2111,2112,2113,2114,2120,2130,2300,2310
4003 | Sijaisten palkat | 400300 | 3900000 | SUBST:7
4004 | Lisä- ja ylityöpalkat | 400400 | 2300000 | STAFF:6
4005 | Lomapalkat | 400500 | 8700000 | STAFF:10
4006 | Lomarahat | 400600 | 3100000 | STAFF:8
4007 | Luottamushenkilöpalkkiot | 400700 | 640000 | 1100,1101,1102,2100,4100
4008 | Muut palkkiot | 400800 | 380000 | 1103,2300,5110
4009 | Lomapalkkajaksotuksen muutos | 400900 | 310000 | 1130
401 | Eläkekulut
4010 | KuEL-maksut | 401000 | 13600000 | STAFF:10
4011 | Varhaiseläkemenoperusteiset maksut | 401100 | 1050000 | 1130
4012 | Muut eläkekulut | 401200 | 180000 | 1130
402 | Muut henkilösivukulut
4020 | Sosiaaliturvamaksut | 402000 | 1560000 | STAFF:8
4021 | Työttömyysvakuutusmaksut | 402100 | 1090000 | STAFF:6
4022 | Tapaturmavakuutusmaksut | 402200 | 470000 | 1130
4023 | Ryhmähenkivakuutusmaksut | 402300 | 62000 | 1130
403 | Henkilöstökulujen korjauserät
4030 | Sairausvakuutuskorvaukset | 403000 | -1180000 | 1130,2100,2200,4100
4031 | Muut henkilöstökulujen korjauserät | 403100 | -96000 | 1130
41 | Palvelujen ostot | kulu
410 | Asiakaspalvelujen ostot
4100 | Asiakaspalvelujen ostot valtiolta | 410000 | 120000 | 2120
4101 | Asiakaspalvelujen ostot kunnilta | 410100 | 3300000 | 2110,2120,2130,2210
4102 | Asiakaspalvelujen ostot kuntayhtymiltä | 410200 | 7400000 | 2130,2300
4103 | Asiakaspalvelujen ostot hyvinvointialueelta | 410300 | 410000 | 2120,2200
4104 | Asiakaspalvelujen ostot muilta | 410400 | 6900000 | 2220,2230,2210
4105 | Perusopetuksen kotikuntakorvaukset | 410500 | 2100000 | 2100
4106 | Terveydenhuollon asiakaspalvelujen ostot | | | | x
4107 | Sosiaalihuollon asiakaspalvelujen ostot | | | | x
411 | Muiden palvelujen ostot
4110 | Asiantuntijapalvelut | 411000 | 3100000 | 1110,1112,1120,1130,1140,4110
4111 | Tietoliikennepalvelut | 411100 | 920000 | 1140
4112 | ICT-palvelut | - | 6400000 | 1140
4113 | Painatus ja ilmoitukset | 411400 | 330000 | 1111,2300,5110
4114 | Kuljetuspalvelut | 412000 | 650000 | 4400,4200
4115 | Koulukuljetukset | 412100 | 3800000 | 2150
4116 | Ruokapalvelujen ostot | 412200 | 1100000 | 4400,2210
4117 | Siivouspalvelut | 412300 | 2400000 | 4410,4300
4118 | Kiinteistöjen ylläpitopalvelut | 412400 | 7800000 | 4300,4310,4311,4320
4119 | Rakentamispalvelut | 412500 | 4100000 | 4200,4210,4500,4310
412 | Muut palvelujen ostot
4120 | Matkustus- ja majoituspalvelut | 412600 | 260000 | 1101,1110,2100
4121 | Koulutuspalvelut | 412700 | 540000 | 1130,2100,4100
4122 | Työterveyshuolto | 412800 | 1450000 | 1131
4123 | Vakuutukset | 413000 | 890000 | 1120,4300
4124 | Pankkipalvelut | 413100 | 160000 | 1120
4125 | Muut palvelut | 413900 | 2200000 | 1160,4100,5110,5200
4126 | Tilintarkastuspalvelut | 411500 | 95000 | 1102
4127 | Henkilöstövuokraus | 411800 | 720000 | 2210,4400
42 | Aineet, tarvikkeet ja tavarat | kulu
420 | Aineet ja tarvikkeet
4200 | Toimistotarvikkeet | 420000 | 410000 | 1160,2100,2110,2130,4100
4201 | Kirjat ja lehdet | 420100 | 520000 | 5100,2130
4202 | Opetustarvikkeet | 420200 | 1800000 | 2110,2111,2112,2113,2114,2130
4203 | Elintarvikkeet | 420300 | 4300000 | 4400
4204 | Vaatteet | 420400 | 210000 | 4400,4410,4200
4205 | Siivoustarvikkeet | 420500 | 380000 | 4410
4206 | Kalusto (pienhankinnat) | 420600 | 1250000 | 2110,2111,2114,2210,2212,5210
4207 | ICT-laitteet (pienhankinnat) | 420700 | 1900000 | 1140,2100
421 | Energia
4210 | Lämmitys | 421000 | 6100000 | 4300,4310,4311,4320
4211 | Sähkö | 421100 | 4800000 | 4300,4310,4311,4230,4500
4212 | Vesi ja jätevesi | 421200 | 890000 | 4300,4310,4320
4213 | Polttoaineet | 421300 | 640000 | 4200,4201,4210
422 | Muut aineet ja tarvikkeet
4220 | Rakennus- ja kunnossapitotarvikkeet | 422000 | 1700000 | 4200,4210,4300,4500
4221 | Muut aineet ja tarvikkeet | 422900 | 690000 | 4500,5200,5300,1160
43 | Avustukset | kulu
430 | Avustukset
4300 | Avustukset kotitalouksille | 430000 | 310000 | 1112
4301 | Kotihoidon tuki | 430100 | 2200000 | 2230
4302 | Yksityisen hoidon tuki | 430200 | 1650000 | 2230
4303 | Toimeentulotuki | | | | x
4304 | Avustukset urheiluseuroille | - | 520000 | 5310
4305 | Avustukset kulttuuriyhdistyksille | - | 310000 | 5310
4306 | Avustukset muille yhteisöille | - | 450000 | 5310
4307 | Työmarkkinatuen kuntaosuus | 430300 | 3100000 | 1112
4308 | Muut avustukset | 439100 | 260000 | 5300,1112
44 | Muut toimintakulut | kulu
440 | Vuokrat
4400 | Vuokrat rakennuksista | 440000 | 5300000 | 1160,2210,2212,4300,5210
4401 | Maanvuokrat | 440100 | 210000 | 4111,4210
4402 | Konevuokrat | 440200 | 430000 | 4200,4201
4403 | Leasingvuokrat | 440300 | 760000 | 1140,4200
4404 | Sisäiset vuokrat | | | | x
4405 | Muut vuokrat | 440900 | 190000 | 5110,5220
441 | Muut toimintakulut
4410 | Kiinteistöverot | 441000 | 310000 | 4300
4411 | Muut verot | 441100 | 45000 | 1120
4412 | Jäsenmaksut | 441200 | 420000 | 1110
4413 | Vahingonkorvaukset | 441300 | 68000 | 4200
4414 | Luottotappiot | 441400 | 230000 | 1120,4500
4415 | Muut toimintakulut | 441900 | 540000 | 1110,4100
50 | Verotulot | tuotto
500 | Verotulot
5000 | Kunnallisvero | 500000 | 104000000 | 1121
5001 | Kiinteistövero | 500100 | 15900000 | 1121
5002 | Osuus yhteisöveron tuotosta | 500200 | 11200000 | 1121
5003 | Koiravero | | | | x
51 | Valtionosuudet | tuotto
510 | Valtionosuudet
5100 | Kunnan peruspalvelujen valtionosuus | 510000 | 38200000 | 1121
5101 | Opetus- ja kulttuuritoimen muut valtionosuudet | 510100 | -3100000 | 1121
5102 | Verotulomenetysten kompensaatio | 510200 | 9400000 | 1121
5103 | Valtionosuuksien tasaus | 510300 | 6300000 | 1121
60 | Rahoitustuotot | tuotto
600 | Korkotuotot
6000 | Korkotuotot tytäryhteisöiltä | 520000 | 310000 | 1122
6001 | Muut korkotuotot | 520100 | 120000 | 1122
601 | Muut rahoitustuotot
6010 | Osinkotuotot | 521000 | 1450000 | 1122
6011 | Peruspääoman korot | - | 980000 | 1122
6012 | Muut rahoitustuotot | - | 210000 | 1122
61 | Rahoituskulut | kulu
610 | Korkokulut
6100 | Korkokulut | 530000 | 3900000 | 1122
611 | Muut rahoituskulut
6110 | Viivästyskorot | 531000 | 12000 | 1120
6111 | Muut rahoituskulut | 531900 | 260000 | 1122
70 | Poistot ja arvonalentumiset | kulu
700 | Suunnitelman mukaiset poistot
7000 | Poistot aineettomista hyödykkeistä | 600000 | 1350000 | 1140,1120
7001 | Poistot rakennuksista | 600100 | 7300000 | 4300,4310,4311,4320,5210
7002 | Poistot kiinteistä rakenteista ja laitteista | 600200 | 5400000 | 4200,4210,4500
7003 | Poistot koneista ja kalustosta | 600300 | 1600000 | 4200,4400,1140
701 | Arvonalentumiset
7010 | Arvonalentumiset | 601000 | 250000 | 4111
80 | Satunnaiset erät | kulu
800 | Satunnaiset erät
8000 | Satunnaiset tuotot | | | | x t:tuotto
8001 | Satunnaiset kulut | | | | x
81 | Tilinpäätössiirrot | kulu
810 | Tilinpäätössiirrot
8100 | Poistoeron muutos | 700000 | -320000 | 1120
8101 | Varausten muutos | 700100 | 150000 | 1120
8102 | Rahastojen muutos | 700200 | -400000 | 1120
"""

# Accounts whose group row is written AFTER its children on purpose
LEGACY_LATE_PARENTS = ["115", "253", "44", "611"]

# ---------------------------------------------------------------------------
# Target chart (Raindance, 6-digit)
# ---------------------------------------------------------------------------
# 2-digit group: code | name | type ; 3-digit group: code | name ;
# account: code | name [| x]   (x = inactive)
TARGET_SPEC = r"""
10 | Aineettomat hyödykkeet | asset
100 | Aineettomat oikeudet
100000 | Aineettomat oikeudet
100100 | Ohjelmistolisenssit
100200 | Pilvipalvelujen käyttöönottomenot
100300 | Kehittämismenot
101 | Muut pitkävaikutteiset menot
101000 | Muut pitkävaikutteiset menot
101100 | Vuokrahuoneistojen perusparannukset
101200 | Tietojärjestelmähankkeet
101300 | Vuokrahuoneistojen muutostyöt
102 | Ennakkomaksut
102000 | Aineettomien hyödykkeiden ennakkomaksut
11 | Aineelliset hyödykkeet | asset
110 | Maa- ja vesialueet
110000 | Maa- ja vesialueet
110100 | Rakennetut tontit
110200 | Rakentamattomat maa-alueet
110300 | Metsämaa
110400 | Virkistysalueet
110500 | Vesialueet
111 | Rakennukset
111000 | Hallintorakennukset
111100 | Koulurakennukset
111200 | Varhaiskasvatuksen rakennukset
111300 | Asuinrakennukset
111400 | Liikuntarakennukset
111500 | Kulttuurirakennukset
111600 | Muut rakennukset
111700 | Väestönsuojat
112 | Kiinteät rakenteet ja laitteet
112000 | Kadut ja tiet
112100 | Sillat
112200 | Puistot
112300 | Liikunta-alueet
112400 | Vesihuoltoverkosto
112500 | Katuvalaistus
112600 | Sähkö- ja kaukolämpöverkot
112700 | Satamat ja laiturit
112900 | Muut kiinteät rakenteet
113 | Koneet ja kalusto
113000 | Kuljetusvälineet
113100 | Työkoneet
113200 | ICT-laitteet
113300 | Muut koneet ja kalusto
113400 | Kiinteät koneet ja laitteet
114 | Muut aineelliset hyödykkeet
114000 | Taide-esineet
114100 | Muut aineelliset hyödykkeet
115 | Ennakkomaksut ja keskeneräiset hankinnat
115000 | Keskeneräiset talonrakennushankkeet
115100 | Keskeneräiset infrahankkeet
115200 | Aineellisten hyödykkeiden ennakkomaksut
12 | Sijoitukset | asset
120 | Osakkeet ja osuudet
120000 | Tytäryhteisöosakkeet ja -osuudet
120100 | Kuntayhtymäosuudet
120200 | Osakkuusyhteisöosakkeet
120300 | Muut osakkeet ja osuudet
120400 | Kiinteistöosakkeet
120500 | Asunto-osakkeet
121 | Muut lainasaamiset ja saamiset
121000 | Lainasaamiset tytäryhteisöiltä
121100 | Muut lainasaamiset
121200 | Muut saamiset
121300 | Lainasaamiset kuntayhtymiltä
13 | Toimeksiantojen varat | asset
130 | Toimeksiantojen varat
130000 | Valtion toimeksiantojen varat
130100 | Lahjoitusrahastojen erityiskatteet
130200 | Muut toimeksiantojen varat
14 | Vaihto-omaisuus | asset
140 | Vaihto-omaisuus
140000 | Aineet ja tarvikkeet
140100 | Keskeneräiset tuotteet
140200 | Valmiit tuotteet
140300 | Myytävät tontit
140400 | Vaihto-omaisuuden ennakkomaksut
15 | Pitkäaikaiset saamiset | asset
150 | Pitkäaikaiset saamiset
150000 | Pitkäaikaiset lainasaamiset
150100 | Muut pitkäaikaiset saamiset
150200 | Pitkäaikaiset siirtosaamiset
16 | Lyhytaikaiset saamiset | asset
160 | Myyntisaamiset
160000 | Myyntisaamiset
160100 | Myyntisaamiset, hyvinvointialue
160200 | Myyntisaamiset, tytäryhteisöt
160300 | Myyntisaamiset, perinnässä
160400 | Myyntisaamiset, ulosotossa
160500 | Myyntisaamiset, kuntayhtymät
161 | Muut saamiset
161000 | Arvonlisäverosaamiset
161100 | Kuntien arvonlisäveron palautussaamiset
161200 | Muut saamiset
161300 | Arvonlisäverosaamiset, rakentamispalvelut
161400 | Saamiset vakuutusyhtiöiltä
161500 | Kela-korvaussaamiset
161600 | Valtionosuusoikaisusaamiset
162 | Siirtosaamiset
162000 | Siirtosaamiset
162100 | Valtionosuussaamiset
162200 | Hankeavustussaamiset
162300 | Ennakkomaksut
162400 | Korkosaamiset
162500 | Jaksotetut menoennakot
17 | Rahoitusarvopaperit | asset
170 | Rahoitusarvopaperit
170000 | Rahamarkkinasijoitukset
170100 | Joukkovelkakirjalainasaamiset
170200 | Sijoitusrahastot
170300 | Muut arvopaperit
18 | Rahat ja pankkisaamiset | asset
180 | Rahat ja pankkisaamiset
180000 | Käteisvarat
180100 | Pankkitilit
180200 | Palkanmaksutili
180300 | Konsernitili
180400 | Hanketilit
180500 | Maksukorttitilit
20 | Oma pääoma | equity
200 | Peruspääoma
200000 | Peruspääoma
201 | Arvonkorotusrahasto
201000 | Arvonkorotusrahasto
202 | Muut omat rahastot
202000 | Muut omat rahastot
202100 | Investointirahasto
202200 | Kehittämisrahasto
203 | Edellisten tilikausien yli-/alijäämä
203000 | Edellisten tilikausien yli-/alijäämä
203100 | Edellisten tilikausien oikaisut
204 | Tilikauden yli-/alijäämä
204000 | Tilikauden yli-/alijäämä
21 | Poistoero ja vapaaehtoiset varaukset | liability
210 | Poistoero ja vapaaehtoiset varaukset
210000 | Poistoero
210100 | Investointivaraus
22 | Pakolliset varaukset | liability
220 | Pakolliset varaukset
220000 | Eläkevaraukset
220100 | Ympäristövaraukset
220200 | Muut pakolliset varaukset
220300 | Purkuvaraukset
23 | Toimeksiantojen pääomat | liability
230 | Toimeksiantojen pääomat
230000 | Valtion toimeksiannot
230100 | Lahjoitusrahastojen pääomat
230200 | Muut toimeksiantojen pääomat
24 | Pitkäaikainen vieras pääoma | liability
240 | Pitkäaikainen vieras pääoma
240000 | Joukkovelkakirjalainat | x
240100 | Lainat rahoitus- ja vakuutuslaitoksilta
240200 | Lainat julkisyhteisöiltä
240300 | Saadut ennakot
240400 | Liittymismaksut ja muut velat
240500 | Muut pitkäaikaiset velat
240600 | Lainat tytäryhteisöiltä
240700 | Leasingvelat
25 | Lyhytaikainen vieras pääoma | liability
250 | Lainat
250000 | Lainat rahoitus- ja vakuutuslaitoksilta
250100 | Kuntatodistukset
250200 | Pitkäaikaisten lainojen lyhennyserät
250300 | Lainat tytäryhteisöiltä
251 | Ostovelat
251000 | Ostovelat
251100 | Ostovelat, tytäryhteisöt
251200 | Ostovelat, hyvinvointialue
251300 | Ostovelat, ulkomaiset
251400 | Ostovelat, tilinpäätösjaksotukset
252 | Muut velat
252000 | Ennakonpidätysvelka
252100 | Sosiaaliturvamaksuvelka
252200 | Eläkevakuutusmaksuvelka
252300 | Työttömyysvakuutusmaksuvelka
252400 | Ay-jäsenmaksuvelka
252500 | Ulosmittausvelka
252600 | Arvonlisäverovelka
252700 | Muut velat
252800 | Arvonlisäverovelka, käänteinen
252900 | Nettopalkkavelka
253 | Siirtovelat
253000 | Lomapalkkajaksotus
253100 | Lomapalkkojen sivukulujaksotus
253200 | Korkojaksotukset
253300 | Palkkajaksotukset
253400 | Muut siirtovelat
253500 | Lomarahajaksotus
253600 | Ennakkoon saadut tuotot
254 | Saadut ennakot
254000 | Saadut ennakot
254100 | Saadut ennakot, tontit
255 | Selvittelytilit
255000 | Selvittelytili, ostolaskut
255100 | Selvittelytili, palkat
255200 | Selvittelytili, pankki
255900 | Konversion selvittelytili
30 | Myyntituotot | income
300 | Myyntituotot
300000 | Myyntituotot valtiolta
300100 | Myyntituotot kunnilta
300200 | Myyntituotot kuntayhtymiltä
300300 | Myyntituotot hyvinvointialueelta
300400 | Koulutuspalvelujen myyntituotot
300500 | Vesihuollon käyttö- ja perusmaksut
300600 | Jätehuollon maksut | x
300700 | Myyntituotot tytäryhteisöiltä
300800 | Ateriapalvelujen myyntituotot
300900 | Muut myyntituotot
31 | Maksutuotot | income
310 | Maksutuotot
310000 | Varhaiskasvatuksen asiakasmaksut
310100 | Aamu- ja iltapäivätoiminnan maksut
310200 | Kansalaisopiston kurssimaksut
310300 | Liikuntapalvelujen maksut
310400 | Kirjaston maksut
310500 | Rakennusvalvonnan maksut
310600 | Pysäköintimaksut
310700 | Taiteen perusopetuksen maksut
310800 | Ympäristönsuojelun maksut
310900 | Muut maksutuotot
32 | Tuet ja avustukset | income
320 | Tuet ja avustukset
320000 | Valtion korvaukset
320100 | EU-tuet
320200 | Työllistämistuet
320300 | Avustukset hyvinvointialueelta
320400 | Valtionavustukset hankkeisiin
320500 | Opetushallituksen avustukset
320900 | Muut tuet ja avustukset
33 | Muut toimintatuotot | income
330 | Vuokratuotot ja myyntivoitot
330000 | Vuokratuotot, tilat
330100 | Maanvuokratuotot
330200 | Asuntojen vuokratuotot
330300 | Käyttöomaisuuden myyntivoitot
330400 | Tilapäiset vuokratuotot
330500 | Tonttien myyntivoitot
339 | Muut toimintatuotot
339000 | Muut toimintatuotot
339100 | Vahingonkorvaustuotot
339200 | Pysäköintivirhemaksut
34 | Valmistus omaan käyttöön | income
340 | Valmistus omaan käyttöön
340000 | Valmistus omaan käyttöön
38 | Sisäiset tuotot | income
380 | Sisäiset tuotot
380000 | Sisäiset vuokratuotot
380100 | Sisäiset palvelutuotot
380200 | Sisäiset ateriapalvelutuotot
380300 | Sisäiset puhtauspalvelutuotot
380400 | Sisäiset ICT-palvelutuotot
380500 | Sisäiset hallintopalvelutuotot
40 | Henkilöstökulut | expense
400 | Palkat ja palkkiot
400000 | Kuukausipalkat
400100 | Tuntipalkat
400200 | Opettajien palkat
400300 | Sijaisten palkat
400400 | Lisä- ja ylityöpalkat
400500 | Lomapalkat
400600 | Lomarahat
400700 | Luottamushenkilöpalkkiot
400800 | Muut palkkiot
400900 | Lomapalkkajaksotuksen muutos
401 | Eläkekulut
401000 | KuEL-maksut
401100 | Varhaiseläkemenoperusteiset maksut
401200 | Muut eläkekulut
401300 | Eläkemenoperusteiset maksut
402 | Muut henkilösivukulut
402000 | Sosiaaliturvamaksut
402100 | Työttömyysvakuutusmaksut
402200 | Tapaturmavakuutusmaksut
402300 | Ryhmähenkivakuutusmaksut
402400 | Muut henkilösivukulut
403 | Henkilöstökulujen korjauserät
403000 | Sairausvakuutuskorvaukset
403100 | Muut henkilöstökulujen korjauserät
403200 | Tapaturmakorvaukset
41 | Palvelujen ostot | expense
410 | Asiakaspalvelujen ostot
410000 | Asiakaspalvelujen ostot valtiolta
410100 | Asiakaspalvelujen ostot kunnilta
410200 | Asiakaspalvelujen ostot kuntayhtymiltä
410300 | Asiakaspalvelujen ostot hyvinvointialueelta
410400 | Asiakaspalvelujen ostot muilta
410500 | Perusopetuksen kotikuntakorvaukset
410600 | Palvelusetelit
411 | Asiantuntija- ja ICT-palvelut
411000 | Asiantuntijapalvelut
411100 | Tietoliikennepalvelut
411200 | ICT-palvelut
411300 | Ohjelmistopalvelut (SaaS)
411400 | Painatus ja ilmoitukset
411500 | Tilintarkastuspalvelut
411600 | Lakipalvelut
411700 | Konsulttipalvelut
411800 | Henkilöstövuokraus
411900 | Tietojärjestelmien ylläpito
412 | Muut palvelut
412000 | Kuljetuspalvelut
412100 | Koulukuljetukset
412200 | Ruokapalvelujen ostot
412300 | Siivouspalvelut
412400 | Kiinteistöjen ylläpitopalvelut
412500 | Rakentamispalvelut
412600 | Matkustus- ja majoituspalvelut
412700 | Koulutuspalvelut
412800 | Työterveyshuolto
412900 | Lumityöt ostopalveluna
413 | Vakuutus-, pankki- ja muut palvelut
413000 | Vakuutukset
413100 | Pankkipalvelut
413200 | Perintäpalvelut
413300 | Posti- ja viestintäpalvelut
413400 | Turvallisuuspalvelut
413500 | Edustus ja tilaisuudet
413900 | Muut palvelut
42 | Aineet, tarvikkeet ja tavarat | expense
420 | Aineet ja tarvikkeet
420000 | Toimistotarvikkeet
420100 | Kirjat ja lehdet
420200 | Opetustarvikkeet
420300 | Elintarvikkeet
420400 | Vaatteet
420500 | Siivoustarvikkeet
420600 | Kalusto
420700 | ICT-laitteet
420800 | Oppimateriaalilisenssit
421 | Energia
421000 | Lämmitys
421100 | Sähkö
421200 | Vesi ja jätevesi
421300 | Polttoaineet
421400 | Kaukolämpö
422 | Muut aineet ja tarvikkeet
422000 | Rakennus- ja kunnossapitotarvikkeet
422100 | Kalusteet
422200 | Korjaustarvikkeet
422900 | Muut aineet ja tarvikkeet
43 | Avustukset | expense
430 | Avustukset kotitalouksille
430000 | Avustukset kotitalouksille
430100 | Kotihoidon tuki
430200 | Yksityisen hoidon tuki
430300 | Työmarkkinatuen kuntaosuus
430400 | Stipendit
431 | Avustukset yhteisöille
431000 | Avustukset yhteisöille
431100 | Avustukset yrityksille
431200 | Avustukset kyläyhdistyksille
439 | Muut avustukset
439000 | Muut avustukset (poistunut 1.1.2026) | x
439100 | Muut avustukset
44 | Muut toimintakulut | expense
440 | Vuokrat
440000 | Vuokrat, rakennukset
440100 | Maanvuokrat
440200 | Konevuokrat
440300 | Leasingvuokrat
440400 | ICT-vuokrat
440500 | Väistötilojen vuokrat
440900 | Muut vuokrat
441 | Muut toimintakulut
441000 | Kiinteistöverot
441100 | Muut verot
441200 | Jäsenmaksut
441300 | Vahingonkorvaukset
441400 | Luottotappiot
441500 | Arvonlisäverokulut
441600 | Sakot ja seuraamusmaksut
441900 | Muut toimintakulut
48 | Sisäiset kulut | expense
480 | Sisäiset kulut
480000 | Sisäiset vuokrat
480100 | Sisäiset palvelut
480200 | Sisäiset ateriapalvelut
480300 | Sisäiset puhtauspalvelut
480400 | Sisäiset ICT-palvelut
480500 | Sisäiset hallintopalvelut
50 | Verotulot | income
500 | Verotulot
500000 | Kunnallisvero
500100 | Kiinteistövero
500200 | Osuus yhteisöveron tuotosta
500300 | Verotulojen oikaisut
51 | Valtionosuudet | income
510 | Valtionosuudet
510000 | Kunnan peruspalvelujen valtionosuus
510100 | Opetus- ja kulttuuritoimen muut valtionosuudet
510200 | Verotulomenetysten kompensaatio
510300 | Valtionosuuksien tasaus
510400 | Muutoksen rajaus
52 | Rahoitustuotot | income
520 | Korkotuotot
520000 | Korkotuotot tytäryhteisöiltä
520100 | Muut korkotuotot
521 | Muut rahoitustuotot
521000 | Osinkotuotot
521100 | Sijoitusten myyntivoitot
521900 | Muut rahoitustuotot
53 | Rahoituskulut | expense
530 | Korkokulut
530000 | Korkokulut
530100 | Korkokulut tytäryhteisöille
531 | Muut rahoituskulut
531000 | Viivästyskorot
531100 | Sijoitusten arvonalentumiset
531900 | Muut rahoituskulut
60 | Poistot ja arvonalentumiset | expense
600 | Suunnitelman mukaiset poistot
600000 | Poistot aineettomista hyödykkeistä
600100 | Poistot rakennuksista
600200 | Poistot kiinteistä rakenteista ja laitteista
600300 | Poistot koneista ja kalustosta
601 | Arvonalentumiset
601000 | Arvonalentumiset
70 | Tilinpäätössiirrot | expense
700 | Tilinpäätössiirrot
700000 | Poistoeron muutos
700100 | Varausten muutos
700200 | Rahastojen muutos
"""

# Extra target-only detail accounts (VAT-rate accounts), generated into groups.
TARGET_EXTRA = {
    "161": [(f"1619{i:02d}", f"ALV-saamiset, verokanta {r} %") for i, r in
            enumerate(["25,5", "14", "13,5", "10"], start=1)],
}

LEGACY_TO_TARGET_TYPE = {"vastaavaa": "asset", "vastattavaa": "liability",
                         "oma pääoma": "equity", "tuotto": "income", "kulu": "expense"}
PNL_LEGACY_TYPES = {"tuotto", "kulu"}
REQUIRES_UNIT = {"income", "expense"}


def parse_legacy_chart():
    rows = []
    g2 = g3 = None
    gtype = None
    for line in LEGACY_SPEC.strip().splitlines():
        parts = [p.strip() for p in line.split("|")]
        code, name = parts[0], parts[1]
        if len(code) == 2:
            gtype = parts[2]
            g2 = code
            rows.append({"code": code, "name": name, "type": gtype, "parent": "", "active": 1,
                         "summary": True})
        elif len(code) == 3:
            g3 = code
            rows.append({"code": code, "name": name, "type": gtype, "parent": g2, "active": 1,
                         "summary": True})
        else:
            parts += [""] * (6 - len(parts))
            target, amount, ccs, flags = parts[2], parts[3], parts[4], parts[5]
            typ = gtype
            active = 1
            for fl in flags.split():
                if fl == "x":
                    active = 0
                elif fl.startswith("t:"):
                    typ = fl[2:]
            rows.append({"code": code, "name": name, "type": typ, "parent": g3, "active": active,
                         "summary": False, "target": target, "amount": amount, "ccs": ccs})
    return rows


def parse_target_chart():
    accounts = {}
    order = []
    gtype = None
    g2 = g3 = None
    for line in TARGET_SPEC.strip().splitlines():
        parts = [p.strip() for p in line.split("|")]
        code, name = parts[0], parts[1]
        if len(code) == 2:
            gtype = parts[2]
            g2 = code
            order.append({"code": code, "name": name, "type": gtype, "parent": "", "active": 1})
        elif len(code) == 3:
            g3 = code
            order.append({"code": code, "name": name, "type": gtype, "parent": g2, "active": 1})
            accounts[g3] = []
        else:
            active = 0 if len(parts) > 2 and parts[2] == "x" else 1
            accounts[g3].append({"code": code, "name": name, "type": gtype, "parent": g3,
                                 "active": active})
    for g3code, extra in TARGET_EXTRA.items():
        typ = next(r["type"] for r in order if r["code"] == g3code)
        for code, name in extra:
            accounts[g3code].append({"code": code, "name": name, "type": typ, "parent": g3code,
                                     "active": 1})
    out = []
    for r in order:
        out.append(r)
        if len(r["code"]) == 3:
            out.extend(sorted(accounts[r["code"]], key=lambda a: a["code"]))
    return out


def generate(build: Build) -> None:
    # legacy chart (a few parents written after their children)
    legacy = parse_legacy_chart()
    rows = [a for a in legacy if a["code"] not in LEGACY_LATE_PARENTS]
    for lp in LEGACY_LATE_PARENTS:
        grp = next(a for a in legacy if a["code"] == lp)
        # insert after the last row that has this parent (i.e. after its children)
        idx = max(i for i, a in enumerate(rows) if a["parent"] == lp)
        rows.insert(idx + 1, grp)
    write_csv(build.out, "legacy_chart.csv", CHART_COLS,
              [(a["code"], a["name"], a["type"], a["parent"], a["active"]) for a in rows])
    target = parse_target_chart()
    write_csv(build.out, "target_chart.csv", CHART_COLS,
              [(a["code"], a["name"], a["type"], a["parent"], a["active"]) for a in target])
    build.legacy, build.target = legacy, target


def check(seen: Seen) -> None:
    legacy, late = _load_chart(seen, "legacy_chart.csv", set(LEGACY_TO_TARGET_TYPE), 4)
    need(late >= 3, "legacy chart: parents after children")
    target, _ = _load_chart(seen, "target_chart.csv", set(LEGACY_TO_TARGET_TYPE.values()), 6)
    need(250 <= len(legacy) <= 330, f"legacy chart size {len(legacy)}")
    need(360 <= len(target) <= 440, f"target chart size {len(target)}")
    need(sum(1 for a in legacy.values() if a["active"] == "0") >= 5, "inactive legacy")
    seen.legacy, seen.target = legacy, target


def _load_chart(seen: Seen, name, types, digits):
    h, rows = read_csv(seen.out, name)
    need(h == CHART_COLS, f"{name} header")
    codes = {}
    known = set()
    late = 0
    for r in rows:
        need(r["code"] not in codes, f"{name}: dup {r['code']}")
        need(r["type"] in types, f"{name}: type {r}")
        need(r["active"] in ("0", "1"), r)
        if r["parent"] and r["parent"] not in known:
            late += 1
        known.add(r["code"])
        codes[r["code"]] = dict(r)
    parents = {r["parent"] for r in rows if r["parent"]}
    for r in rows:
        need(not r["parent"] or r["parent"] in codes, f"{name}: parent of {r}")
        codes[r["code"]]["summary"] = r["code"] in parents
        if not codes[r["code"]]["summary"]:
            need(len(r["code"]) == digits, f"{name}: postable {r['code']}")
        else:
            need(len(r["code"]) < digits, f"{name}: summary {r['code']}")
    return codes, late
