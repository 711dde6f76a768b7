extension Gazetteer {
    /// Africa, the Americas and Oceania: the rest of `world`.
    static let worldSouth: [Country] = [
        // Africa
        // Not "oran" nor "constantine" (its second and third cities): given names.
        .init(code: "DZ", name: "Algeria", terms: ["algeria", "algerian", "algerians", "algiers"]),
        .init(code: "AO", name: "Angola", terms: ["angola", "angolan", "angolans", "luanda"]),
        .init(code: "BJ", name: "Benin", terms: ["benin", "beninese", "porto-novo", "cotonou"]),
        .init(code: "BW", name: "Botswana", terms: ["botswana", "motswana", "batswana", "gaborone"]),
        .init(
            code: "BF", name: "Burkina Faso",
            terms: [
                "burkina faso", "burkina", "burkinabe", "burkinabè", "ouagadougou",
            ]),
        .init(code: "BI", name: "Burundi", terms: ["burundi", "burundian", "burundians", "gitega", "bujumbura"]),
        // Not "praia" (its capital): the Portuguese for beach, in many place names.
        .init(code: "CV", name: "Cabo Verde", terms: ["cabo verde", "cape verde", "cape verdean", "cape verdeans"]),
        .init(
            code: "CM", name: "Cameroon",
            terms: [
                "cameroon", "cameroonian", "cameroonians", "yaounde", "yaoundé", "douala",
            ]),
        // Not "central african": also the region as a whole.
        .init(code: "CF", name: "Central African Republic", terms: ["central african republic", "bangui"]),
        // Not "chad": a common first name.
        .init(
            code: "TD", name: "Chad",
            terms: [
                "republic of chad", "chadian", "chadians", "n'djamena", "n’djamena", "ndjamena",
            ]),
        // Not "moroni" (its capital): a surname and a figure of the Book of Mormon.
        .init(code: "KM", name: "Comoros", terms: ["comoros", "comorian", "comorians"]),
        .init(
            code: "CG", name: "Republic of the Congo",
            terms: [
                "republic of the congo", "republic of congo", "congo-brazzaville", "brazzaville", "pointe-noire",
            ]),
        // "congo" and "congolese" name both Congos; they go to the larger, more reported one, and the longer names
        // ("republic of the congo", "brazzaville") still pick CG.
        .init(
            code: "CD", name: "Democratic Republic of the Congo",
            terms: [
                "democratic republic of the congo", "democratic republic of congo", "dr congo", "drc", "congo-kinshasa",
                "congo", "congolese", "kinshasa", "goma", "lubumbashi",
            ]),
        .init(
            code: "CI", name: "Côte d'Ivoire",
            terms: [
                "côte d'ivoire", "côte d’ivoire", "cote d'ivoire", "cote d’ivoire", "ivory coast", "ivorian",
                "ivorians", "abidjan", "yamoussoukro",
            ]),
        .init(code: "DJ", name: "Djibouti", terms: ["djibouti", "djiboutian", "djiboutians"]),
        .init(
            code: "GQ", name: "Equatorial Guinea",
            terms: [
                "equatorial guinea", "equatoguinean", "equatorial guinean", "malabo",
            ]),
        .init(code: "ER", name: "Eritrea", terms: ["eritrea", "eritrean", "eritreans", "asmara"]),
        .init(code: "SZ", name: "Eswatini", terms: ["eswatini", "swaziland", "swazi", "mbabane"]),
        .init(
            code: "ET", name: "Ethiopia",
            terms: [
                "ethiopia", "ethiopian", "ethiopians", "addis ababa", "tigray", "dire dawa",
            ]),
        .init(code: "GA", name: "Gabon", terms: ["gabon", "gabonese", "libreville"]),
        .init(code: "GM", name: "Gambia", terms: ["gambia", "gambian", "gambians", "banjul"]),
        .init(code: "GH", name: "Ghana", terms: ["ghana", "ghanaian", "ghanaians", "accra", "kumasi"]),
        // Not "guinea": the guinea pig and guinea fowl, an old coin, and New Guinea, whose western half is Indonesia
        // (the longer "equatorial guinea", "guinea-bissau", "papua new guinea" are listed).
        .init(
            code: "GN", name: "Guinea",
            terms: [
                "republic of guinea", "guinea-conakry", "guinean", "guineans", "conakry",
            ]),
        .init(
            code: "GW", name: "Guinea-Bissau", terms: ["guinea-bissau", "guinea bissau", "bissau-guinean", "bissau"]),
        .init(code: "KE", name: "Kenya", terms: ["kenya", "kenyan", "kenyans", "nairobi", "mombasa", "kisumu"]),
        .init(code: "LS", name: "Lesotho", terms: ["lesotho", "basotho", "maseru"]),
        .init(code: "LR", name: "Liberia", terms: ["liberia", "liberian", "liberians", "monrovia"]),
        .init(code: "LY", name: "Libya", terms: ["libya", "libyan", "libyans", "tripoli", "benghazi", "misrata"]),
        .init(code: "MG", name: "Madagascar", terms: ["madagascar", "malagasy", "antananarivo"]),
        .init(code: "MW", name: "Malawi", terms: ["malawi", "malawian", "malawians", "lilongwe", "blantyre"]),
        // Not "timbuktu": mostly the idiom for a faraway place.
        .init(code: "ML", name: "Mali", terms: ["mali", "malian", "malians", "bamako"]),
        .init(code: "MR", name: "Mauritania", terms: ["mauritania", "mauritanian", "mauritanians", "nouakchott"]),
        .init(code: "MU", name: "Mauritius", terms: ["mauritius", "mauritian", "mauritians", "port louis"]),
        .init(
            code: "MA", name: "Morocco",
            terms: [
                "morocco", "moroccan", "moroccans", "rabat", "casablanca", "marrakech", "marrakesh",
            ]),
        .init(
            code: "MZ", name: "Mozambique",
            terms: [
                "mozambique", "mozambican", "mozambicans", "maputo", "cabo delgado",
            ]),
        .init(code: "NA", name: "Namibia", terms: ["namibia", "namibian", "namibians", "windhoek"]),
        // Not "niger": the Niger River, the Niger Delta and Niger State are in Nigeria.
        .init(
            code: "NE", name: "Niger",
            terms: [
                "republic of niger", "niger republic", "nigerien", "nigeriens", "niamey",
            ]),
        .init(code: "RW", name: "Rwanda", terms: ["rwanda", "rwandan", "rwandans", "kigali"]),
        .init(
            code: "ST", name: "São Tomé and Príncipe",
            terms: [
                "são tomé and príncipe", "sao tome and principe", "são tomé", "sao tome",
            ]),
        .init(code: "SN", name: "Senegal", terms: ["senegal", "senegalese", "dakar"]),
        // Not "victoria" (its capital): a first name, an Australian state and Hong Kong's Victoria Harbour.
        .init(code: "SC", name: "Seychelles", terms: ["seychelles", "seychellois"]),
        .init(
            code: "SL", name: "Sierra Leone", terms: ["sierra leone", "sierra leonean", "sierra leoneans", "freetown"]),
        .init(
            code: "SO", name: "Somalia",
            terms: [
                "somalia", "somali", "somalis", "mogadishu", "somaliland", "puntland", "al-shabaab", "al shabaab",
            ]),
        .init(code: "SS", name: "South Sudan", terms: ["south sudan", "south sudanese", "juba"]),
        .init(code: "SD", name: "Sudan", terms: ["sudan", "sudanese", "khartoum", "omdurman", "port sudan", "darfur"]),
        .init(
            code: "TZ", name: "Tanzania",
            terms: [
                "tanzania", "tanzanian", "tanzanians", "dodoma", "dar es salaam", "zanzibar",
            ]),
        .init(code: "TG", name: "Togo", terms: ["togo", "togolese", "lomé", "lome"]),
        .init(code: "TN", name: "Tunisia", terms: ["tunisia", "tunisian", "tunisians", "tunis", "sfax"]),
        .init(code: "UG", name: "Uganda", terms: ["uganda", "ugandan", "ugandans", "kampala", "entebbe"]),
        .init(code: "ZM", name: "Zambia", terms: ["zambia", "zambian", "zambians", "lusaka"]),
        .init(code: "ZW", name: "Zimbabwe", terms: ["zimbabwe", "zimbabwean", "zimbabweans", "harare", "bulawayo"]),
        .init(
            code: "EH", name: "Western Sahara",
            terms: [
                "western sahara", "sahrawi", "sahrawis", "polisario", "laayoune",
            ]),
        // Not "reunion" or "réunion" alone: an everyday word; nor "la réunion": French for "the meeting".
        .init(code: "RE", name: "Réunion", terms: ["réunion island", "reunion island"]),
        .init(code: "YT", name: "Mayotte", terms: ["mayotte"]),
        .init(code: "SH", name: "Saint Helena", terms: ["saint helena", "st helena", "st. helena"]),
        .init(
            code: "IO", name: "British Indian Ocean Territory",
            terms: [
                "british indian ocean territory", "chagos", "chagos islands", "chagossian", "chagossians",
                "diego garcia",
            ]),
        // The Americas
        // Not "antigua" alone: Spanish for "old" (and a city in Guatemala).
        .init(
            code: "AG", name: "Antigua and Barbuda",
            terms: [
                "antigua and barbuda", "barbuda", "antiguan", "antiguans",
            ]),
        .init(code: "BS", name: "Bahamas", terms: ["bahamas", "bahamian", "bahamians", "nassau"]),
        .init(code: "BB", name: "Barbados", terms: ["barbados", "barbadian", "barbadians", "bajan", "bridgetown"]),
        .init(code: "BZ", name: "Belize", terms: ["belize", "belizean", "belizeans", "belmopan", "belize city"]),
        // Not "la paz" (its seat of government): Spanish for "the peace", and towns in the Philippines; nor "el alto":
        // Spanish for "the high" (as in "el alto el fuego", the ceasefire); nor "sucre" (its constitutional capital): a
        // surname; nor "santa cruz" alone: also in Manila, Laguna and California.
        .init(
            code: "BO", name: "Bolivia",
            terms: [
                "bolivia", "bolivian", "bolivians", "cochabamba", "santa cruz de la sierra",
            ]),
        // Not "cali": also short for California.
        .init(
            code: "CO", name: "Colombia",
            terms: [
                "colombia", "colombian", "colombians", "bogota", "bogotá", "medellin", "medellín", "barranquilla",
            ]),
        // Not "san jose" (its capital): the Silicon Valley city of tech stories.
        .init(code: "CR", name: "Costa Rica", terms: ["costa rica", "costa rican", "costa ricans"]),
        // Not "guantanamo": the US detention camp, in stories about its detainees from everywhere.
        .init(code: "CU", name: "Cuba", terms: ["cuba", "cuban", "cubans", "havana", "santiago de cuba"]),
        .init(code: "DM", name: "Dominica", terms: ["dominica", "roseau"]),
        // Not "dominican(s)": also Dominica's people and the Dominican order (which runs Manila's University of Santo
        // Tomas); nor "santo domingo" (its capital): a church and towns in the Philippines.
        .init(code: "DO", name: "Dominican Republic", terms: ["dominican republic", "punta cana"]),
        .init(
            code: "EC", name: "Ecuador",
            terms: [
                "ecuador", "ecuadorian", "ecuadorians", "quito", "guayaquil", "galapagos", "galápagos",
            ]),
        .init(
            code: "SV", name: "El Salvador",
            terms: [
                "el salvador", "salvadoran", "salvadorans", "salvadorean", "san salvador",
            ]),
        .init(code: "GD", name: "Grenada", terms: ["grenada", "grenadian", "grenadians"]),
        .init(code: "GT", name: "Guatemala", terms: ["guatemala", "guatemalan", "guatemalans", "guatemala city"]),
        // Not "georgetown" (its capital): Penang's George Town, and the university in Washington.
        .init(code: "GY", name: "Guyana", terms: ["guyana", "guyanese"]),
        .init(code: "HT", name: "Haiti", terms: ["haiti", "haitian", "haitians", "port-au-prince"]),
        .init(
            code: "HN", name: "Honduras",
            terms: [
                "honduras", "honduran", "hondurans", "tegucigalpa", "san pedro sula",
            ]),
        // Not "kingston" (its capital): also towns in Canada, England and the US.
        .init(code: "JM", name: "Jamaica", terms: ["jamaica", "jamaican", "jamaicans", "montego bay"]),
        .init(code: "NI", name: "Nicaragua", terms: ["nicaragua", "nicaraguan", "nicaraguans", "managua"]),
        .init(code: "PA", name: "Panama", terms: ["panama", "panamanian", "panamanians", "panama city"]),
        .init(code: "PY", name: "Paraguay", terms: ["paraguay", "paraguayan", "paraguayans", "asuncion", "asunción"]),
        // Not "lima" (its capital): Malay, Indonesian and Filipino for five, and LIMA, Malaysia's Langkawi air and sea
        // show.
        .init(code: "PE", name: "Peru", terms: ["peru", "peruvian", "peruvians", "arequipa", "cusco", "cuzco"]),
        .init(
            code: "KN", name: "Saint Kitts and Nevis",
            terms: [
                "saint kitts and nevis", "st kitts and nevis", "st. kitts and nevis", "saint kitts", "st kitts",
                "st. kitts", "nevis", "basseterre",
            ]),
        .init(
            code: "LC", name: "Saint Lucia",
            terms: [
                "saint lucia", "st lucia", "st. lucia", "saint lucian", "castries",
            ]),
        .init(
            code: "VC", name: "Saint Vincent and the Grenadines",
            terms: [
                "saint vincent and the grenadines", "st vincent and the grenadines", "st. vincent and the grenadines",
                "saint vincent", "st vincent", "st. vincent", "vincentian", "kingstown",
            ]),
        .init(code: "SR", name: "Suriname", terms: ["suriname", "surinam", "surinamese", "paramaribo"]),
        // Not "trinidad" alone: a common Filipino surname, and a town in Bohol.
        .init(
            code: "TT", name: "Trinidad and Tobago",
            terms: [
                "trinidad and tobago", "tobago", "trinidadian", "trinidadians", "port of spain", "port-of-spain",
            ]),
        .init(code: "UY", name: "Uruguay", terms: ["uruguay", "uruguayan", "uruguayans", "montevideo"]),
        .init(
            code: "VE", name: "Venezuela", terms: ["venezuela", "venezuelan", "venezuelans", "caracas", "maracaibo"]),
        .init(
            code: "GL", name: "Greenland", terms: ["greenland", "greenlandic", "greenlander", "greenlanders", "nuuk"]),
        // Not "san juan" (its capital): a city of Metro Manila.
        .init(code: "PR", name: "Puerto Rico", terms: ["puerto rico", "puerto rican", "puerto ricans"]),
        // Not "stanley" (its capital): a first name.
        .init(code: "FK", name: "Falkland Islands", terms: ["falkland islands", "falklands", "malvinas"]),
        // Not "hamilton" (its capital): a surname and many other cities.
        .init(code: "BM", name: "Bermuda", terms: ["bermuda", "bermudian", "bermudians"]),
        .init(code: "KY", name: "Cayman Islands", terms: ["cayman islands", "grand cayman", "caymanian"]),
        .init(code: "VG", name: "British Virgin Islands", terms: ["british virgin islands"]),
        .init(code: "VI", name: "United States Virgin Islands", terms: ["u.s. virgin islands", "us virgin islands"]),
        .init(code: "TC", name: "Turks and Caicos Islands", terms: ["turks and caicos"]),
        .init(code: "AI", name: "Anguilla", terms: ["anguilla"]),
        .init(code: "MS", name: "Montserrat", terms: ["montserrat"]),
        .init(code: "AW", name: "Aruba", terms: ["aruba", "aruban"]),
        .init(code: "CW", name: "Curaçao", terms: ["curaçao", "curacao"]),
        .init(code: "SX", name: "Sint Maarten", terms: ["sint maarten"]),
        .init(code: "GP", name: "Guadeloupe", terms: ["guadeloupe"]),
        .init(code: "MQ", name: "Martinique", terms: ["martinique"]),
        // Not "cayenne" (its capital): the pepper and a Porsche.
        .init(code: "GF", name: "French Guiana", terms: ["french guiana", "kourou"]),
        // The Pacific islands
        // Not "nadi" (its airport town): Malay and Indonesian for pulse.
        .init(code: "FJ", name: "Fiji", terms: ["fiji", "fijian", "fijians", "suva"]),
        .init(code: "KI", name: "Kiribati", terms: ["kiribati", "i-kiribati", "tarawa"]),
        .init(code: "MH", name: "Marshall Islands", terms: ["marshall islands", "marshallese", "majuro"]),
        // "micronesia" also names the wider region (Guam, Palau, Kiribati…), all outside Asia too. Not "yap": an
        // everyday word.
        .init(
            code: "FM", name: "Micronesia",
            terms: [
                "federated states of micronesia", "micronesia", "micronesian", "palikir", "pohnpei", "chuuk",
            ]),
        .init(code: "NR", name: "Nauru", terms: ["nauru", "nauruan", "nauruans"]),
        .init(code: "PW", name: "Palau", terms: ["palau", "palauan", "palauans", "koror", "ngerulmud"]),
        // Not "papua" or "new guinea": Papua is also a region of Indonesia, and New Guinea the island the two share.
        .init(
            code: "PG", name: "Papua New Guinea",
            terms: [
                "papua new guinea", "papua new guinean", "papua new guineans", "port moresby", "bougainville",
            ]),
        .init(code: "WS", name: "Samoa", terms: ["samoa", "samoan", "samoans", "apia"]),
        // Not "solomon" or "solomons": a first name and a surname.
        .init(
            code: "SB", name: "Solomon Islands",
            terms: [
                "solomon islands", "solomon islander", "solomon islanders", "honiara",
            ]),
        .init(
            code: "TO", name: "Tonga", terms: ["tonga", "tongan", "tongans", "nuku'alofa", "nuku’alofa", "nukualofa"]),
        .init(code: "TV", name: "Tuvalu", terms: ["tuvalu", "tuvaluan", "tuvaluans", "funafuti"]),
        .init(code: "VU", name: "Vanuatu", terms: ["vanuatu", "ni-vanuatu", "port vila"]),
        .init(code: "GU", name: "Guam", terms: ["guam", "guamanian", "hagåtña", "hagatna"]),
        .init(
            code: "MP", name: "Northern Mariana Islands",
            terms: [
                "northern mariana islands", "northern marianas", "saipan", "tinian",
            ]),
        .init(code: "AS", name: "American Samoa", terms: ["american samoa", "pago pago"]),
        // Not "kanak" (its native people): a given name in India and Bangladesh.
        .init(code: "NC", name: "New Caledonia", terms: ["new caledonia", "new caledonian", "nouméa", "noumea"]),
        .init(code: "PF", name: "French Polynesia", terms: ["french polynesia", "tahiti", "tahitian", "papeete"]),
        .init(code: "CK", name: "Cook Islands", terms: ["cook islands", "rarotonga"]),
        .init(code: "NU", name: "Niue", terms: ["niue"]),
        .init(code: "TK", name: "Tokelau", terms: ["tokelau"]),
        .init(code: "WF", name: "Wallis and Futuna", terms: ["wallis and futuna"]),
        .init(code: "PN", name: "Pitcairn Islands", terms: ["pitcairn islands", "pitcairn"]),
        .init(code: "NF", name: "Norfolk Island", terms: ["norfolk island"]),
        .init(code: "CX", name: "Christmas Island", terms: ["christmas island"]),
        .init(
            code: "CC", name: "Cocos (Keeling) Islands",
            terms: [
                "cocos (keeling) islands", "cocos islands", "keeling islands",
            ]),
        .init(code: "AQ", name: "Antarctica", terms: ["antarctica", "antarctic"]),
    ]
}
